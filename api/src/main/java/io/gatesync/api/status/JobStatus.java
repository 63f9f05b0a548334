package io.gatesync.api.status;

import java.time.Duration;
import java.time.Instant;

/** A periodic job's schedule (from the settings) and last run (from {@code sync_jobs}). */
public record JobStatus(
        String name,
        boolean enabled,
        Duration interval,
        long runs,
        Instant lastStarted,
        Instant lastFinished,
        Instant lastSuccess,
        String lastOutcome,
        String lastMessage,
        Integer lastDurationMs,
        Integer lastItems,
        Instant nextDue,
        Instant watermark) {}
