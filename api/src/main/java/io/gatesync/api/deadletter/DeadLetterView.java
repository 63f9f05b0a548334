package io.gatesync.api.deadletter;

import java.time.Instant;

/**
 * A dead-lettered command as the list shows it (without its payload). {@code reason}: PERMANENT,
 * RETRIES_EXHAUSTED, UNPARSEABLE, DELIVERY_LIMIT, ...; {@code status}: DEAD, or REPLAYED once sent back to work.
 */
public record DeadLetterView(
        long id,
        String messageId,
        String kind,
        String target,
        String reason,
        String lastError,
        int attempts,
        String routingKey,
        Instant firstFailure,
        Instant lastFailure,
        String status,
        Instant replayedAt,
        String replayedBy) {}
