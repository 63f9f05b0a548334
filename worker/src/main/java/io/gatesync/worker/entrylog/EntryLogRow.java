package io.gatesync.worker.entrylog;

import java.time.Instant;

/** The part of an {@code entry_logs} row the sync needs. */
record EntryLogRow(long id, String cnic, Instant entryTime, Instant exitTime, Long transactionId,
        Long exitTransactionId, Instant entryPushStartedAt, Instant exitPushStartedAt, boolean synced) {
}
