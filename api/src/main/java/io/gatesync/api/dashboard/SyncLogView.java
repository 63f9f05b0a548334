package io.gatesync.api.dashboard;

import java.time.Instant;

/** One row of {@code zkteco_sync_logs}: a sync attempt, a job run, a manual operation or a connection test. */
public record SyncLogView(
        long id,
        String kind,
        String target,
        String outcome,
        String message,
        int attempt,
        int durationMs,
        String commandId,
        String node,
        Instant createdAt) {}
