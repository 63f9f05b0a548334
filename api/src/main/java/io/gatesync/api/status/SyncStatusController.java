package io.gatesync.api.status;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import io.gatesync.api.web.Blocking;
import io.gatesync.common.config.RuntimeSettings;
import io.gatesync.common.config.ZktecoProperties;
import io.gatesync.common.db.Rows;
import io.gatesync.common.pull.Completeness;
import io.gatesync.common.schedule.Job;
import io.gatesync.common.schedule.ScheduleSettings;

/**
 * {@code GET /zkteco/sync-status}: each periodic job's schedule, last run and outcome, the pull watermark, and where
 * the pull's arrival reads stand.
 */
@RestController
public class SyncStatusController {

    private final JdbcClient jdbc;
    private final Blocking blocking;
    private final RuntimeSettings settings;
    private final ScheduleSettings schedule;

    public SyncStatusController(
            JdbcClient jdbc, Blocking blocking, RuntimeSettings settings, ScheduleSettings schedule) {
        this.jdbc = jdbc;
        this.blocking = blocking;
        this.settings = settings;
        this.schedule = schedule;
    }

    public record JobStatus(
            String name,
            boolean enabled,
            Duration interval,
            long runs,
            Instant lastStarted,
            Instant lastFinished,
            Instant lastSuccess,
            String lastOutcome,
            String lastMessage,
            Integer lastDurationMs,
            Integer lastItems,
            Instant nextDue,
            Instant watermark) {}

    /**
     * Where the periodic pull's arrival reads stand: the highest BioTime id read, how the server ordered its list,
     * when, and why the pull stopped if BioTime looks restored from a backup (null otherwise).
     */
    public record Arrivals(long maxId, String serverOrder, Instant readAt, String restoreSuspected) {}

    /**
     * A BioTime terminal as the periodic pull last read it.
     *
     * @param silent it has not spoken to BioTime for longer than GATESYNC_PULL_TERMINAL_SILENT_AFTER, or never
     */
    public record TerminalStatus(
            String sn, String alias, String area, Instant lastActivity, boolean silent, Instant readAt) {}

    /**
     * @param arrivals      null until the first periodic pull ran
     * @param completeUpTo  the entry logs hold every punch made before this: the last arrival read, held back by the
     *                      oldest last activity of the site's terminals (null before the first periodic pull)
     * @param terminals     the site's terminals, silent ones first (GateSync's own is not listed)
     */
    public record SyncStatus(
            List<JobStatus> jobs,
            Arrivals arrivals,
            Instant completeUpTo,
            List<TerminalStatus> terminals,
            Map<String, String> overrides,
            Instant checkedAt) {}

    @GetMapping("/zkteco/sync-status")
    public Mono<SyncStatus> status() {
        return blocking.call(() -> {
            ZktecoProperties now = settings.current();
            List<JobStatus> jobs =
                    Arrays.stream(Job.values()).map(job -> status(job, now)).toList();
            Arrivals arrivals = jdbc.sql("SELECT max_id, server_order, read_at, restore_suspected FROM pull_cursor")
                    .query((rs, n) -> new Arrivals(
                            rs.getLong("max_id"),
                            rs.getString("server_order"),
                            Rows.instant(rs, "read_at"),
                            rs.getString("restore_suspected")))
                    .optional()
                    .orElse(null);
            Instant completeUpTo = jdbc.sql(Completeness.COMPLETE_UP_TO)
                    .query((rs, n) -> Rows.instant(rs, 1))
                    .optional()
                    .orElse(null);
            List<TerminalStatus> terminals = jdbc.sql("SELECT sn, alias, area_name, last_activity, read_at, "
                            + "last_activity IS NULL OR last_activity < UTC_TIMESTAMP(3) - INTERVAL silent_after_s SECOND "
                            + "AS silent FROM biotime_terminals WHERE own = 0 ORDER BY silent DESC, last_activity, sn")
                    .query((rs, n) -> new TerminalStatus(
                            rs.getString("sn"),
                            rs.getString("alias"),
                            rs.getString("area_name"),
                            Rows.instant(rs, "last_activity"),
                            rs.getBoolean("silent"),
                            Rows.instant(rs, "read_at")))
                    .list();
            return new SyncStatus(jobs, arrivals, completeUpTo, terminals, settings.overrides(), Instant.now());
        });
    }

    private JobStatus status(Job job, ZktecoProperties now) {
        Duration interval = job.interval(now, schedule);
        return jdbc.sql("SELECT * FROM sync_jobs WHERE name = ?")
                .param(job.jobName())
                .query((rs, n) -> {
                    Instant lastStarted = Rows.instant(rs, "last_started");
                    Long duration = Rows.nullableLong(rs, "last_duration_ms");
                    Long items = Rows.nullableLong(rs, "last_items");
                    return new JobStatus(
                            job.jobName(),
                            job.enabled(now),
                            interval,
                            rs.getLong("runs"),
                            lastStarted,
                            Rows.instant(rs, "last_finished"),
                            Rows.instant(rs, "last_success"),
                            rs.getString("last_outcome"),
                            rs.getString("last_message"),
                            duration == null ? null : duration.intValue(),
                            items == null ? null : items.intValue(),
                            lastStarted == null ? null : lastStarted.plus(interval),
                            Rows.instant(rs, "watermark"));
                })
                .optional()
                .orElse(new JobStatus(
                        job.jobName(),
                        job.enabled(now),
                        interval,
                        0,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null));
    }
}
