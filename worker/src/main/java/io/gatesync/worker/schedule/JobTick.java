package io.gatesync.worker.schedule;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.gatesync.common.schedule.Job;

/**
 * Every worker's tick ({@code gatesync.schedule.tick}): asks once which jobs are due ({@link JobRunner#dueNow}, one
 * read of {@code sync_jobs}) and enters those through their locks ({@link PeriodicJobs}), one after another. A tick
 * with nothing due, nearly every tick, costs that one read; taking every job's lock on every tick cost each node
 * four statements a job.
 */
@Component
public class JobTick {

    private static final Logger log = LoggerFactory.getLogger(JobTick.class);

    private final JobRunner runner;
    private final PeriodicJobs jobs;

    public JobTick(JobRunner runner, PeriodicJobs jobs) {
        this.runner = runner;
        this.jobs = jobs;
    }

    @Scheduled(
            fixedDelayString = "${gatesync.schedule.tick:15s}",
            initialDelayString = "${gatesync.schedule.initial-delay:10s}")
    public void tick() {
        for (Job job : runner.dueNow()) {
            try {
                switch (job) {
                    case ENTRY_SYNC -> jobs.entrySync();
                    case PEOPLE_SYNC -> jobs.peopleSync();
                    case ATTENDANCE_PULL -> jobs.attendancePull();
                    case SYNC_LOG_CLEANUP -> jobs.syncLogCleanup();
                    case RECONCILE -> jobs.reconcile();
                }
            } catch (RuntimeException e) { // e.g. its lock could not be taken: the other jobs still get their turn
                log.warn("Job {} could not be entered: {}", job.jobName(), e.getMessage());
            }
        }
    }
}
