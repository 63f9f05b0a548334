package io.gatesync.worker.entrylog;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The {@code entry_logs} side of pushing punches: each statement {@link EntrySync}'s protocol needs (load, claim,
 * mark, write ids), and none of its rules. {@link JdbcEntryLogPushes} is the database's; a test may keep rows in
 * memory.
 */
interface EntryLogPushes {

    /**
     * A push to mark as started: the punch, the second it is sent in ({@code shift}), and its mark as the worker read
     * it (null: none).
     */
    record Claim(LogPunch punch, int shift, Instant readStartedAt) {}

    /** A person's punches around a time: {@code from} to {@code to}, both included. */
    record Window(String cnic, long personId, Instant from, Instant to) {}

    /** An id another entry log holds already, in {@code column}: this log could not take it. */
    record Collision(long logId, long id, String column) {}

    /** These logs' rows, by id; a log that does not exist is absent. */
    Map<Long, EntryLogRow> load(Collection<Long> ids);

    /** The logs with an entry (by CNIC) or an exit (by person) inside one of these windows. */
    List<EntryLogRow> around(Collection<Window> windows);

    /** Whether an entry log holds this BioTime id: a transaction id, or a manual-log id if {@code manualLog}. */
    boolean holds(long bioTimeId, boolean manualLog);

    /**
     * Marks these pushes as started at {@code at}, with their shifts, and returns those it marked: each only if its
     * mark is still what was read, checked and set under row locks in one transaction.
     */
    List<Claim> claim(List<Claim> claims, Instant at);

    /** Clears these punches' marks: no push of them is started or under way. */
    void unmark(Collection<LogPunch> punches);

    /**
     * Records the ids BioTime gave these punches (manual-log ids in their own columns if {@code manualLogs}), in one
     * transaction; returns the punches whose id another log holds already, which keep none.
     */
    List<Collision> writeIds(Map<LogPunch, Long> ids, boolean manualLogs);

    /**
     * These logs were pushed: each is synced if every punch it has now is in BioTime (an exit may have arrived
     * meanwhile), and its error is cleared.
     */
    void markSynced(Collection<Long> ids);

    /** Each log's last error, for people to read (cut to its column). */
    void recordErrors(Map<Long, String> errors);
}
