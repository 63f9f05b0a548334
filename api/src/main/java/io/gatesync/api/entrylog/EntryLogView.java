package io.gatesync.api.entrylog;

import java.time.Instant;

/**
 * An entry log as the api shows it; {@code source} is GATE, BIOTIME or MANUAL. {@code personLeft}: recorded while
 * the person had left (status LEFT); such a log is kept but never sent to BioTime.
 */
public record EntryLogView(
        long id,
        String cnic,
        Instant entryTime,
        Instant exitTime,
        String entryGate,
        String exitGate,
        String source,
        String flag,
        boolean personLeft,
        boolean zktecoSynced,
        Long zktecoTransactionId,
        Long zktecoExitTransactionId,
        Instant zktecoSyncTime,
        String zktecoSyncError) {}
