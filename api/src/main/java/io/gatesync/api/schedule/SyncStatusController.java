package io.gatesync.api.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.gatesync.api.web.Blocking;
import io.gatesync.common.config.RuntimeSettings;
import io.gatesync.common.config.ZktecoProperties;
import io.gatesync.common.db.Rows;
import io.gatesync.common.schedule.Job;
import io.gatesync.common.schedule.ScheduleSettings;
import reactor.core.publisher.Mono;

/** {@code GET /zkteco/sync-status}: each periodic job's schedule, last run and outcome, and the pull watermark. */
@RestController
public class SyncStatusController {

    private final JdbcClient jdbc;
    private final Blocking blocking;
    private final RuntimeSettings settings;
    private final ScheduleSettings schedule;

    public SyncStatusController(JdbcClient jdbc, Blocking blocking, RuntimeSettings settings,
            ScheduleSettings schedule) {
        this.jdbc = jdbc;
        this.blocking = blocking;
        this.settings = settings;
        this.schedule = schedule;
    }

    public record JobStatus(String name, boolean enabled, Duration interval, long runs, Instant lastStarted,
            Instant lastFinished, Instant lastSuccess, String lastOutcome, String lastMessage, Integer lastDurationMs,
            Integer lastItems, Instant nextDue, Instant watermark) {
    }

    public record SyncStatus(List<JobStatus> jobs, Map<String, String> overrides, Instant checkedAt) {
    }

    @GetMapping("/zkteco/sync-status")
    public Mono<SyncStatus> status() {
        return blocking.call(() -> {
            ZktecoProperties now = settings.current();
            List<JobStatus> jobs = Arrays.stream(Job.values()).map(job -> status(job, now)).toList();
            return new SyncStatus(jobs, settings.overrides(), Instant.now());
        });
    }

    private JobStatus status(Job job, ZktecoProperties now) {
        Duration interval = job.interval(now, schedule);
        return jdbc.sql("SELECT * FROM sync_jobs WHERE name = ?").param(job.jobName()).query((rs, n) -> {
            Instant lastStarted = Rows.instant(rs, "last_started");
            Long duration = Rows.nullableLong(rs, "last_duration_ms");
            Long items = Rows.nullableLong(rs, "last_items");
            return new JobStatus(job.jobName(), job.enabled(now), interval, rs.getLong("runs"), lastStarted,
                    Rows.instant(rs, "last_finished"), Rows.instant(rs, "last_success"), rs.getString("last_outcome"),
                    rs.getString("last_message"), duration == null ? null : duration.intValue(),
                    items == null ? null : items.intValue(), lastStarted == null ? null : lastStarted.plus(interval),
                    Rows.instant(rs, "watermark"));
        }).optional().orElse(new JobStatus(job.jobName(), job.enabled(now), interval, 0, null, null, null, null, null,
                null, null, null, null));
    }
}
