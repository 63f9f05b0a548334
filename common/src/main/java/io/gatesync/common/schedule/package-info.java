/**
 * The periodic jobs by name ({@link Job}: entry sync, people sync, attendance pull, sync-log cleanup), when they are
 * due and whether they may run, and how they run ({@link ScheduleSettings}). The worker's {@code schedule} package
 * runs them; the api's {@code /zkteco/sync-status} reports them.
 */
package io.gatesync.common.schedule;
