package io.gatesync.common.schedule;

import java.time.Duration;

import io.gatesync.common.config.ZktecoProperties;

/** The periodic jobs: their names (in {@code sync_jobs} and ShedLock), when they run, whether they may. */
public enum Job {
    ENTRY_SYNC("entry-sync"),
    PEOPLE_SYNC("people-sync"),
    ATTENDANCE_PULL("attendance-pull"),
    SYNC_LOG_CLEANUP("sync-log-cleanup"),
    /** Looks whether a nightly reconciliation is due (after ZKTECO_RECONCILE_AT, for days the pull has completed). */
    RECONCILE("reconcile");

    private final String jobName;

    Job(String jobName) {
        this.jobName = jobName;
    }

    public String jobName() {
        return jobName;
    }

    public Duration interval(ZktecoProperties settings, ScheduleSettings schedule) {
        return switch (this) {
            case ENTRY_SYNC -> schedule.minute().multipliedBy(settings.syncInterval());
            case PEOPLE_SYNC -> schedule.peopleInterval();
            case ATTENDANCE_PULL -> schedule.minute().multipliedBy(settings.pullInterval());
            case SYNC_LOG_CLEANUP -> schedule.cleanupInterval();
            case RECONCILE -> schedule.reconcileCheck();
        };
    }

    /** ZKTECO_AUTO_SYNC=false stops every sync job (manual operations still work); cleanup always runs. */
    public boolean enabled(ZktecoProperties settings) {
        return switch (this) {
            case ENTRY_SYNC, PEOPLE_SYNC, RECONCILE -> settings.autoSync();
            case ATTENDANCE_PULL -> settings.autoSync() && settings.pullAttendance();
            case SYNC_LOG_CLEANUP -> true;
        };
    }
}
