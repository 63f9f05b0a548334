package io.gatesync.worker.schedule;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import io.gatesync.common.config.RuntimeSettings;
import io.gatesync.common.config.ZktecoProperties;
import io.gatesync.common.schedule.Job;
import io.gatesync.common.schedule.ScheduleSettings;
import io.gatesync.common.synclog.SyncLog;
import io.gatesync.common.synclog.SyncLogKind;
import io.gatesync.common.synclog.SyncLogOutcome;

/**
 * Runs a job if it is enabled and due under the settings in force now (so a changed interval applies at the
 * next tick on every node), and records the run. Called with the job's ShedLock held, so one node at a time.
 */
@Component
public class JobRunner {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private static final String SUCCESS = "success";
    private static final String FAILURE = "failure";

    private final JobState state;
    private final RuntimeSettings settings;
    private final ScheduleSettings schedule;
    private final MeterRegistry metrics;
    private final SyncLog syncLog;

    public JobRunner(
            JobState state,
            RuntimeSettings settings,
            ScheduleSettings schedule,
            MeterRegistry metrics,
            SyncLog syncLog) {
        this.syncLog = syncLog;
        this.state = state;
        this.settings = settings;
        this.schedule = schedule;
        this.metrics = metrics;
        for (Job job : Job.values()) { // at 0 from the start: a job's runs have a series before its first run
            runs(job, SUCCESS);
            runs(job, FAILURE);
        }
    }

    /**
     * The jobs enabled and due now, by one read: a node's tick takes the locks of these only, instead of every job's
     * lock on every tick (a lock, a row and a check each). {@link #runIfDue} decides again under the lock.
     */
    public Set<Job> dueNow() {
        ZktecoProperties now = settings.current();
        Map<Job, Duration> enabled = new EnumMap<>(Job.class);
        for (Job job : Job.values()) {
            if (job.enabled(now)) {
                enabled.put(job, job.interval(now, schedule));
            }
        }
        return enabled.isEmpty() ? Set.of() : state.due(enabled);
    }

    /** {@code work} finds work and queues it; it returns how many items it queued. */
    public void runIfDue(Job job, IntSupplier work) {
        ZktecoProperties now = settings.current();
        if (!job.enabled(now)
                || !state.due(Map.of(job, job.interval(now, schedule))).contains(job)) {
            return;
        }
        state.started(job);
        long start = System.nanoTime();
        String outcome = SUCCESS;
        try {
            int items = work.getAsInt();
            long ms = (System.nanoTime() - start) / 1_000_000;
            state.finished(job, true, items + " queued", items, ms);
            syncLog.write(new SyncLog.Entry(
                    SyncLogKind.JOB, job.jobName(), SyncLogOutcome.SUCCESS, items + " queued", 1, ms, null));
            log.info("Job {} ran: {} queued in {} ms", job.jobName(), items, ms);
        } catch (RuntimeException e) {
            outcome = FAILURE;
            long ms = (System.nanoTime() - start) / 1_000_000;
            state.finished(job, false, e.getMessage(), 0, ms);
            syncLog.write(new SyncLog.Entry(
                    SyncLogKind.JOB, job.jobName(), SyncLogOutcome.FAILED, e.getMessage(), 1, ms, null));
            log.warn("Job {} failed: {}", job.jobName(), e.getMessage());
        } finally {
            runs(job, outcome).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    private Timer runs(Job job, String outcome) {
        return Timer.builder("gatesync.jobs.runs")
                .description("Periodic job runs")
                .tag("job", job.jobName())
                .tag("outcome", outcome)
                .register(metrics);
    }
}
