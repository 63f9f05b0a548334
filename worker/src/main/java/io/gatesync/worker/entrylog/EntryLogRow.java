package io.gatesync.worker.entrylog;

import java.time.Instant;

/** The part of an {@code entry_logs} row the sync needs: its two punches, each with what BioTime has of it. */
record EntryLogRow(long id, long personId, String cnic, Side entry, Side exit, boolean synced) {

    Side side(Direction direction) {
        return direction == Direction.ENTRY ? entry : exit;
    }

    /**
     * One punch of the log.
     *
     * @param time          the gate's time, or null when the log has no such punch
     * @param transactionId BioTime's transaction id once known
     * @param manualLogId   the manual-log channel's receipt
     * @param pushStartedAt when a push of it started (it may have reached BioTime), or null
     * @param shift         seconds it is sent later than {@code time} (one punch per person and second in BioTime)
     */
    record Side(Instant time, Long transactionId, Long manualLogId, Instant pushStartedAt, int shift) {

        /** BioTime has it: a transaction, or a manual log (the manual-log channel's receipt). */
        boolean inBioTime() {
            return transactionId != null || manualLogId != null;
        }
    }
}
