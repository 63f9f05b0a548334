package io.gatesync.common.schedule;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the periodic jobs run (the intervals themselves are ZKTECO_SYNC_INTERVAL and ZKTECO_PULL_INTERVAL).
 *
 * @param tick             how often each node asks whether a job is due
 * @param minute           what one "minute" of an interval lasts: 1m, except in tests and demos
 * @param peopleInterval   people sync
 * @param cleanupInterval  sync-log cleanup
 * @param lockAtMostFor    a node that dies holding a job's lock blocks the job at most this long: longer than any
 *                         job takes (they only find work and queue commands, in seconds at most)
 * @param requeueAfter     an unsynced row queued this long ago is queued again (its command may be lost)
 * @param pullLag          the attendance pull's window ends this far in the past (terminals upload late)
 * @param pullChunk        periodic pull windows are split into chunks of this size
 * @param initialLookback  the first periodic pull reaches back this far
 * @param keepSyncLogs     sync logs older than this are deleted by the cleanup job
 * @param reconcileCheck   how often the nightly reconciliation looks whether it is due (ZKTECO_RECONCILE_AT passed,
 *                         days the pull has completed since)
 * @param reconcileLookback how many days back the nightly reconciliation takes days it could not reconcile before
 */
@ConfigurationProperties("gatesync.schedule")
public record ScheduleSettings(
        @DefaultValue("15s") Duration tick,
        @DefaultValue("1m") Duration minute,
        @DefaultValue("1h") Duration peopleInterval,
        @DefaultValue("1d") Duration cleanupInterval,
        @DefaultValue("2m") Duration lockAtMostFor,
        @DefaultValue("15m") Duration requeueAfter,
        @DefaultValue("1m") Duration pullLag,
        @DefaultValue("1h") Duration pullChunk,
        @DefaultValue("1d") Duration initialLookback,
        @DefaultValue("30d") Duration keepSyncLogs,
        @DefaultValue("15m") Duration reconcileCheck,
        @DefaultValue("7") int reconcileLookback) {}
