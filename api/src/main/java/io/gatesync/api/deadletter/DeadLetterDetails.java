package io.gatesync.api.deadletter;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * One dead letter as the list shows it, with the payload a replay sends back to work, unchanged. In JSON its fields
 * stand beside {@code payload}, as one object: {@code {"id": …, …, "replayedBy": …, "payload": …}}.
 */
public record DeadLetterDetails(@JsonUnwrapped DeadLetterView deadLetter, String payload) {}
