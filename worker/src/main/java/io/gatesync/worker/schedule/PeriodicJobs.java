package io.gatesync.worker.schedule;

import java.time.Instant;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.gatesync.common.schedule.Job;
import io.gatesync.common.schedule.ScheduleSettings;
import io.gatesync.common.time.DbTime;

/**
 * The integration guide's periodic jobs, entered by every worker's {@link JobTick} when they are due. ShedLock (on
 * MySQL, by the database's clock) lets one node at a time into a job, and that node runs it only if it is still due
 * by {@code sync_jobs}, so each job runs once per interval across the cluster. A node that dies holding a lock
 * blocks the job at most {@code gatesync.schedule.lock-at-most-for}. Jobs only find work and queue commands; every worker's consumers do
 * the work.
 */
@Component
public class PeriodicJobs {

    private final JobRunner runner;
    private final SyncQueueJobs queues;
    private final AttendancePullJob pull;
    private final ReconcileJob reconcile;
    private final JdbcClient jdbc;
    private final ScheduleSettings schedule;

    public PeriodicJobs(
            JobRunner runner,
            SyncQueueJobs queues,
            AttendancePullJob pull,
            ReconcileJob reconcile,
            JdbcClient jdbc,
            ScheduleSettings schedule) {
        this.reconcile = reconcile;
        this.runner = runner;
        this.queues = queues;
        this.pull = pull;
        this.jdbc = jdbc;
        this.schedule = schedule;
    }

    @SchedulerLock(name = "entry-sync")
    public void entrySync() {
        runner.runIfDue(Job.ENTRY_SYNC, queues::queueUnsyncedEntries);
    }

    @SchedulerLock(name = "people-sync")
    public void peopleSync() {
        runner.runIfDue(Job.PEOPLE_SYNC, queues::queueUnsyncedPeople);
    }

    @SchedulerLock(name = "attendance-pull")
    public void attendancePull() {
        runner.runIfDue(Job.ATTENDANCE_PULL, pull::pull);
    }

    @SchedulerLock(name = "sync-log-cleanup")
    public void syncLogCleanup() {
        runner.runIfDue(
                Job.SYNC_LOG_CLEANUP,
                () -> jdbc.sql("DELETE FROM zkteco_sync_logs WHERE created_at < ? " + "LIMIT 100000")
                        .param(DbTime.toDb(Instant.now().minus(schedule.keepSyncLogs())))
                        .update());
    }

    @SchedulerLock(name = "reconcile")
    public void reconcile() {
        runner.runIfDue(Job.RECONCILE, reconcile::queue);
    }
}
