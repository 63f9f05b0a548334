package io.gatesync.worker.schedule;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.gatesync.common.metrics.DbGauges;
import io.gatesync.common.metrics.SyncBacklog;
import io.gatesync.common.pull.Completeness;
import io.gatesync.common.pull.ParkReason;

/**
 * Sync lag as ops watch it: how many rows BioTime lacks and how old the oldest is, the pull watermark's age, and
 * the dead letters waiting for an operator. Every worker reports the same cluster-wide values (read from the
 * database), so dashboards take the max across instances.
 */
@Configuration(proxyBeanMethods = false)
public class SyncLagMetrics {

    private static final List<String> PARK_REASONS =
            Arrays.stream(ParkReason.values()).map(Enum::name).toList();

    public SyncLagMetrics(
            JdbcClient jdbc,
            MeterRegistry registry,
            @Value("${gatesync.metrics.db-gauge-max-age:10s}") Duration maxAge) {
        DbGauges gauges = new DbGauges(jdbc, registry, maxAge);
        for (String table : List.of(SyncBacklog.ENTRY_LOGS, SyncBacklog.PEOPLE)) {
            Tags kind = Tags.of("kind", table.equals(SyncBacklog.PEOPLE) ? "person" : "entry_log");
            gauges.register(
                    "gatesync.sync.pending", "Rows BioTime does not have yet", kind, SyncBacklog.pending(table));
            gauges.register(
                    "gatesync.sync.lag.seconds",
                    "Age of the oldest row BioTime does not have yet",
                    kind,
                    SyncBacklog.lagSeconds(table));
        }
        gauges.register(
                "gatesync.pull.watermark.age.seconds",
                "How far behind the attendance pull's watermark is",
                Tags.empty(),
                "SELECT TIMESTAMPDIFF(MICROSECOND, watermark, UTC_TIMESTAMP(3)) / 1000000 "
                        + "FROM sync_jobs WHERE name = 'attendance-pull'");
        gauges.register(
                "gatesync.pull.restore.suspected",
                "1 while the attendance pull has stopped because BioTime "
                        + "looks restored from a backup (ids reused)",
                Tags.empty(),
                "SELECT COUNT(*) FROM pull_cursor WHERE restore_suspected IS NOT NULL");
        for (String reason : PARK_REASONS) {
            gauges.register(
                    "gatesync.punches.parked",
                    "Pulled punches waiting in the parking list, by reason",
                    Tags.of("reason", reason),
                    "SELECT COUNT(*) FROM parked_punches WHERE reason = '" + reason + "'");
        }
        gauges.register(
                "gatesync.terminals.silent",
                "BioTime terminals that have not spoken to BioTime for longer than "
                        + "GATESYNC_PULL_TERMINAL_SILENT_AFTER (or never): their punches are not in BioTime yet",
                Tags.empty(),
                Completeness.SILENT_TERMINALS);
        gauges.register(
                "gatesync.pull.complete.lag.seconds",
                "How far the attendance pull's \"complete up to\" "
                        + "mark is behind now: the last arrival read, held back by the oldest terminal activity",
                Tags.empty(),
                Completeness.LAG_SECONDS);
        gauges.register(
                "gatesync.reconcile.unresolved",
                "Differences between GateSync and BioTime the last finished " + "reconciliation run could not heal",
                Tags.empty(),
                "SELECT COUNT(*) FROM reconcile_items WHERE "
                        + "outcome = 'UNRESOLVED' AND run_id = (SELECT MAX(id) FROM reconcile_runs WHERE status <> 'RUNNING')");
        gauges.register(
                "gatesync.deadletters.pending",
                "Dead letters waiting for an operator's replay",
                Tags.empty(),
                SyncBacklog.DEAD_LETTERS_PENDING);
    }
}
