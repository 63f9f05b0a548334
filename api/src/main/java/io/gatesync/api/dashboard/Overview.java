package io.gatesync.api.dashboard;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import io.gatesync.api.control.ConnectionTests;

/**
 * {@code GET /zkteco/overview}: the dashboard's status and statistics in one answer. A part whose source does not
 * answer (the database, the broker) says so in its health and leaves its numbers null, instead of failing the rest.
 */
public record Overview(
        Instant checkedAt,
        Health database,
        Broker broker,
        BioTime biotime,
        RateBudget rateBudget,
        Statistics statistics) {

    /** Whether a dependency answered, how fast, and if not, why. */
    public record Health(boolean up, long latencyMs, String error) {}

    /** RabbitMQ's health and, per command kind, its work queue and dead-letter queue; messages waiting to retry. */
    public record Broker(Health health, List<QueueDepth> queues, Long retrying) {}

    /** {@code messages}/{@code consumers} are null when the queue does not exist (yet). */
    public record QueueDepth(
            String kind, String queue, Long messages, Integer consumers, String deadLetterQueue, Long deadLetters) {}

    /** What the last connection test saw (null if none yet), and the workers that reported alive lately. */
    public record BioTime(ConnectionTests.Result lastTest, long workersAlive) {}

    /**
     * The cluster's BioTime budget ({@code ZKTECO_RATE_LIMIT}) and its use: workers lease request slots ahead of
     * time, so {@code secondsLeasedAhead} &gt; 0 means every slot up to {@code nextFreeSlot} is taken (the budget is
     * fully used); {@code nextFreeSlot} null means no worker has used it yet.
     */
    public record RateBudget(double perSecond, Instant nextFreeSlot, double secondsLeasedAhead) {}

    /** Rows BioTime has, lacks, and lacks after a failed attempt (an error is recorded on the row). */
    public record Counts(long synced, long pending, long failed) {}

    /**
     * "Today" is the calendar day in {@code ZKTECO_TIMEZONE}, from {@code dayStart}: entry logs whose entry (or, for
     * an exit without entry, exit) falls in it; punches of today sent by GateSync or imported from BioTime. Lags are
     * the age in seconds of the oldest row BioTime lacks, null when there is none. {@code peopleLeft}: people whose
     * status is LEFT; {@code leaverPassesToday} and {@code leaverPasses}: entry logs recorded for them after they
     * left (kept, never sent to BioTime), today's count and the latest few.
     */
    public record Statistics(
            Counts people,
            Counts entryLogs,
            Counts entryLogsToday,
            long punchesPushedToday,
            long punchesPulledToday,
            Double entryLogLagSeconds,
            Double personLagSeconds,
            long deadLettersPending,
            ZoneId zone,
            Instant dayStart,
            long peopleLeft,
            long leaverPassesToday,
            List<LeaverPass> leaverPasses) {}

    /** A gate pass of someone who had left: the entry log, the person, when and where. */
    public record LeaverPass(long entryLogId, String cnic, String name, Instant time, String gate) {}
}
