package io.gatesync.common.messaging;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.amqp.rabbit.connection.CorrelationData;

/**
 * What the broker said of one message sent with publisher confirms and mandatory routing: the one wait for a confirm
 * that the api's outbox relay and the worker's publisher share. A message is taken only when it is confirmed and was
 * not returned (a message no queue took is returned first, then confirmed).
 *
 * @param kind    confirmed, or how it was not
 * @param problem what went wrong, for logs and the outbox's last error; null when confirmed
 */
public record Confirmation(Kind kind, String problem) {

    public enum Kind {
        CONFIRMED,
        /** The broker refused it (a queue at its limit, a quorum queue without a majority). */
        NACKED,
        /** No queue took it (mandatory routing). */
        RETURNED,
        /** No word from the broker in time (a lost connection, a stalled broker), or the wait was interrupted. */
        NO_CONFIRM
    }

    private static final Confirmation CONFIRMED = new Confirmation(Kind.CONFIRMED, null);

    public boolean confirmed() {
        return kind == Kind.CONFIRMED;
    }

    /** Waits up to {@code timeout} for the broker's word on the message sent with {@code correlation}. */
    public static Confirmation await(CorrelationData correlation, Duration timeout) {
        try {
            CorrelationData.Confirm confirm = correlation.getFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (correlation.getReturned() != null) {
                return new Confirmation(
                        Kind.RETURNED,
                        "returned by the broker: " + correlation.getReturned().getReplyText());
            }
            return confirm.ack()
                    ? CONFIRMED
                    : new Confirmation(Kind.NACKED, "nacked by the broker: " + confirm.reason());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Confirmation(Kind.NO_CONFIRM, "interrupted");
        } catch (ExecutionException | TimeoutException e) {
            return new Confirmation(Kind.NO_CONFIRM, "no confirm within " + timeout.toSeconds() + " s: " + e);
        }
    }
}
