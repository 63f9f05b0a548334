/**
 * The periodic jobs ({@link PeriodicJobs}): every worker ticks ({@link JobTick}) and enters the jobs due by
 * {@code sync_jobs}; ShedLock lets one node at a time into a job and {@link JobRunner} runs it if it is still due.
 * The sync jobs only find work and queue commands: unsynced rows ({@link SyncQueueJobs}) and the attendance pull's
 * arrivals chunk ({@link AttendancePullJob}); the listeners do the work. The sync-log cleanup runs in place. Also the
 * cluster-wide lag and job gauges.
 */
package io.gatesync.worker.schedule;
