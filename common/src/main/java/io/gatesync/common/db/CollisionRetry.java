package io.gatesync.common.db;

import java.lang.reflect.UndeclaredThrowableException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryState;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Runs work that collided with another writer again, a few times, after a short random pause: Spring's
 * {@link RetryTemplate} with what its policy builder cannot say. The pause before attempt n + 1 is uniform from
 * {@code minPauseMillis} up to 20 ms times n, so colliders spread out more each round (the builder's jitter is a fixed
 * share around an exponential delay); only the exception itself counts as a collision (the builder's
 * {@code includes} also matches one that merely wraps it).
 */
public final class CollisionRetry {

    private final int attempts;
    private final Predicate<Throwable> collided;
    private final UnaryOperator<RuntimeException> exhausted;
    private final Function<RetryException, RuntimeException> interrupted;
    private final RetryTemplate retry;

    /**
     * @param beforeAttempt told the collision and the number of the attempt about to run (2 to {@code attempts})
     * @param exhausted what to throw for the last collision once every attempt collided
     * @param interrupted what to throw when a pause was interrupted (the thread stays interrupted)
     */
    public CollisionRetry(
            int attempts,
            long minPauseMillis,
            Predicate<Throwable> collided,
            BiConsumer<Throwable, Integer> beforeAttempt,
            UnaryOperator<RuntimeException> exhausted,
            Function<RetryException, RuntimeException> interrupted) {
        this.attempts = attempts;
        this.collided = collided;
        this.exhausted = exhausted;
        this.interrupted = interrupted;
        this.retry = new RetryTemplate(RetryPolicy.builder()
                .predicate(collided)
                .backOff(() -> pauses(attempts, minPauseMillis))
                .build());
        this.retry.setRetryListener(new RetryListener() {
            @Override
            public void beforeRetry(RetryPolicy policy, Retryable<?> retryable, RetryState state) {
                beforeAttempt.accept(state.getLastException(), state.getRetryCount() + 1);
            }
        });
    }

    private static BackOffExecution pauses(int attempts, long minPauseMillis) {
        int[] failed = {0};
        return () -> ++failed[0] < attempts
                ? ThreadLocalRandom.current().nextLong(minPauseMillis, 20L * failed[0] + 1)
                : BackOffExecution.STOP;
    }

    /** The work's result; anything that is no collision is thrown as it is, at once. */
    public <T> T run(Supplier<T> work) {
        try {
            return retry.execute(work::get);
        } catch (RetryException e) {
            Throwable last = e.getCause();
            if (collided.test(last)) {
                // the template gives up early only when its pause was interrupted
                throw e.getRetryCount() + 1 < attempts
                        ? interrupted.apply(e)
                        : exhausted.apply((RuntimeException) last);
            }
            if (last instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            if (last instanceof Error error) {
                throw error;
            }
            throw new UndeclaredThrowableException(last);
        }
    }
}
