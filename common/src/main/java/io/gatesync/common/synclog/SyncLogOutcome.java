package io.gatesync.common.synclog;

/** How a {@code zkteco_sync_logs} row's attempt went: its {@code outcome} column, stored as the constant's name. */
public enum SyncLogOutcome {
    /** Done (worker), or a connection test that found no problem (api). */
    SUCCESS,
    /** Failed, and will be tried again from a delay queue (worker). */
    RETRY,
    /** Failed for good: dead-lettered (worker), or a connection test with problems or no answer (api). */
    FAILED,
    /** Nothing to do. Written by no current code; rows of older versions may hold it. */
    SKIPPED,
    /** A manual sync's commands were put in the outbox (api). */
    QUEUED,
    /** A dead letter was sent back to work (api). */
    REPLAYED
}
