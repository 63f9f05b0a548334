package io.gatesync.api.pull;

import java.time.Instant;

/**
 * An attendance pull as the api shows it: {@code kind} PERIODIC or MANUAL, the window [from, to), progress in
 * chunks and punches, and {@code status} RUNNING, DONE or FAILED ({@code finishedAt} once no chunk is left).
 */
public record PullRunView(
        long runId,
        String kind,
        Instant from,
        Instant to,
        int chunksTotal,
        int chunksDone,
        int chunksFailed,
        int punchesSeen,
        int punchesImported,
        String status,
        String requestedBy,
        Instant createdAt,
        Instant finishedAt) {}
