package io.gatesync.api.status;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import io.gatesync.api.web.Blocking;
import io.gatesync.common.config.RuntimeSettings;
import io.gatesync.common.config.ZktecoProperties;
import io.gatesync.common.schedule.Job;
import io.gatesync.common.schedule.ScheduleSettings;

/**
 * {@code GET /zkteco/sync-status}: each periodic job's schedule, last run and outcome, the pull watermark, and where
 * the pull's arrival reads stand.
 */
@RestController
public class SyncStatusController {

    private final SyncStatusReader reader;
    private final Blocking blocking;
    private final RuntimeSettings settings;
    private final ScheduleSettings schedule;

    public SyncStatusController(
            SyncStatusReader reader, Blocking blocking, RuntimeSettings settings, ScheduleSettings schedule) {
        this.reader = reader;
        this.blocking = blocking;
        this.settings = settings;
        this.schedule = schedule;
    }

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
            List<JobStatus> jobs = Arrays.stream(Job.values())
                    .map(job -> reader.jobStatus(job.jobName(), job.enabled(now), job.interval(now, schedule)))
                    .toList();
            return new SyncStatus(
                    jobs,
                    reader.arrivals().orElse(null),
                    reader.completeUpTo().orElse(null),
                    reader.terminals(),
                    settings.overrides(),
                    Instant.now());
        });
    }
}
