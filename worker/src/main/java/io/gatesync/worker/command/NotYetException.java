package io.gatesync.worker.command;

import java.time.Duration;

/**
 * The command cannot be done yet, for a reason that passes by itself by a known time: an earlier push of the same
 * punch may still be under way. Retried after about {@link #waitFor()} without counting an attempt, so the wait can
 * never dead-letter it.
 */
public class NotYetException extends RuntimeException {

    private final Duration wait;

    public NotYetException(String message, Duration wait) {
        super(message);
        this.wait = wait;
    }

    public Duration waitFor() {
        return wait;
    }
}
