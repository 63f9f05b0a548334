package io.gatesync.api.deadletter;

import java.time.Instant;

/** One dead letter with the payload a replay sends back to work, unchanged. */
public record DeadLetterDetails(
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
        String replayedBy,
        String payload) {

    static DeadLetterDetails of(DeadLetterView v, String payload) {
        return new DeadLetterDetails(
                v.id(),
                v.messageId(),
                v.kind(),
                v.target(),
                v.reason(),
                v.lastError(),
                v.attempts(),
                v.routingKey(),
                v.firstFailure(),
                v.lastFailure(),
                v.status(),
                v.replayedAt(),
                v.replayedBy(),
                payload);
    }
}
