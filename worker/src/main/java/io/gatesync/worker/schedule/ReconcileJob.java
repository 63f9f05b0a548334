package io.gatesync.worker.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.gatesync.common.config.ZktecoProperties;
import io.gatesync.common.messaging.ReconcileCommand;
import io.gatesync.common.pull.Completeness;
import io.gatesync.common.reconcile.ReconcileRuns;
import io.gatesync.common.schedule.ScheduleSettings;
import io.gatesync.common.time.DbTime;
import io.gatesync.worker.command.CommandPublisher;

/**
 * The nightly reconciliation: once ZKTECO_RECONCILE_AT has passed (in the BioTime server's zone), it queues a run of
 * yesterday and of every earlier day of the last {@code reconcileLookback} (none before the attendance pull's first
 * read) that no nightly run has taken yet, each only once the attendance pull is complete past its end (a terminal
 * still holding that day's punches would otherwise show as a difference). A day the pull completes later is taken by
 * a later check. Without the pull (ZKTECO_PULL_ATTENDANCE=false) nothing is complete, so no nightly run: a manual
 * run reconciles any day.
 */
@Component
public class ReconcileJob {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final CommandPublisher publisher;
    private final ZktecoProperties settings;
    private final ScheduleSettings schedule;

    public ReconcileJob(
            JdbcClient jdbc,
            TransactionTemplate tx,
            CommandPublisher publisher,
            ZktecoProperties settings,
            ScheduleSettings schedule) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.publisher = publisher;
        this.settings = settings;
        this.schedule = schedule;
    }

    /** Queues a run if one is due; returns 1 if it did. */
    public int queue() {
        ZonedDateTime now = ZonedDateTime.now(settings.timezone());
        if (now.toLocalTime().isBefore(settings.reconcileTime())) {
            return 0;
        }
        Instant complete = jdbc.sql(Completeness.COMPLETE_UP_TO)
                .query((rs, n) -> rs.getObject(1) == null ? null : DbTime.fromDb(rs.getObject(1, LocalDateTime.class)))
                .optional()
                .orElse(null);
        if (complete == null) {
            return 0; // the pull has not read BioTime yet
        }
        LocalDate yesterday = now.toLocalDate().minusDays(1);
        // not before the days the pull first read (its first run reaches back initialLookback): older days are a
        // site's history before GateSync, for a manual run if wanted, not for every first night
        Instant pullFrom = jdbc.sql("SELECT MIN(created_at) FROM pull_runs")
                .query((rs, n) -> DbTime.fromDb(rs.getObject(1, LocalDateTime.class)))
                .optional()
                .orElse(null);
        if (pullFrom == null) {
            return 0;
        }
        LocalDate first = max(
                yesterday.minusDays(schedule.reconcileLookback() - 1L),
                pullFrom.minus(schedule.initialLookback())
                        .atZone(settings.timezone())
                        .toLocalDate());
        // a failed night is tried again the next night, not every check
        List<LocalDate> taken = jdbc.sql("SELECT DISTINCT d.day FROM reconcile_days d JOIN reconcile_runs r "
                        + "ON r.id = d.run_id WHERE r.requested_by = ? AND d.day BETWEEN ? AND ? "
                        + "AND (r.status <> 'FAILED' OR r.created_at > ?)")
                .params(
                        ReconcileRuns.NIGHTLY,
                        first,
                        yesterday,
                        DbTime.toDb(Instant.now().minusSeconds(20 * 3600)))
                .query((rs, n) -> rs.getObject(1, LocalDate.class))
                .list();
        if (first.isAfter(yesterday)) {
            return 0;
        }
        List<LocalDate> due = first.datesUntil(yesterday.plusDays(1))
                .filter(day -> !taken.contains(day))
                .filter(day -> !day.plusDays(1)
                        .atStartOfDay(settings.timezone())
                        .toInstant()
                        .isAfter(complete))
                .toList();
        if (due.isEmpty()) {
            return 0;
        }
        long runId = tx.execute(status -> new ReconcileRuns(jdbc).create(due, ReconcileRuns.NIGHTLY));
        ReconcileCommand command = new ReconcileCommand(UUID.randomUUID().toString(), runId, Instant.now());
        if (publisher.publishAll(List.of(command)).isEmpty()) {
            // not queued: forget the run, so the next check plans it again
            tx.executeWithoutResult(status -> {
                jdbc.sql("DELETE FROM reconcile_days WHERE run_id = ?")
                        .param(runId)
                        .update();
                jdbc.sql("DELETE FROM reconcile_runs WHERE id = ?").param(runId).update();
            });
            return 0;
        }
        return 1;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
