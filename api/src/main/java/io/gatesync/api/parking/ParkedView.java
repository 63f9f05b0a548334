package io.gatesync.api.parking;

import java.time.Instant;

/** A punch the attendance pull could not import yet, with why and what fixes it. */
public record ParkedView(
        long transactionId,
        String empCode,
        String punchTime,
        String punchState,
        String terminalSn,
        String reason,
        String message,
        Instant parkedAt,
        Instant triedAt,
        int tries,
        boolean retryRequested) {}
