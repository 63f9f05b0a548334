package io.gatesync.common.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;

class CollisionRetryTest {

    private final List<Integer> announced = new ArrayList<>();
    private final AtomicInteger runs = new AtomicInteger();
    private final CollisionRetry retry = new CollisionRetry(
            4,
            1,
            e -> e instanceof PessimisticLockingFailureException,
            (e, attempt) -> announced.add(attempt),
            last -> new IllegalStateException("gave up", last),
            e -> new IllegalStateException("interrupted", e));

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void aCollisionRunsAgainUntilTheWorkSucceeds() {
        String result = retry.run(() -> {
            if (runs.incrementAndGet() < 3) {
                throw new CannotAcquireLockException("deadlock");
            }
            return "done";
        });
        assertThat(result).isEqualTo("done");
        assertThat(announced).containsExactly(2, 3);
    }

    @Test
    void afterTheLastAttemptTheCallerSaysWhatToThrow() {
        CannotAcquireLockException last = new CannotAcquireLockException("still");
        assertThat(failingEveryRun(last)).hasMessage("gave up").hasCause(last);
        assertThat(runs).hasValue(4);
    }

    @Test
    void anythingElseIsThrownAsItIsAtOnce() {
        DuplicateKeyException other = new DuplicateKeyException("not a lock");
        assertThat(failingEveryRun(other)).isSameAs(other);
        assertThat(runs).hasValue(1);
    }

    /** What {@code run} throws for work that fails with {@code failure} every time it runs. */
    private Throwable failingEveryRun(RuntimeException failure) {
        return catchThrowable(() -> retry.run(() -> {
            runs.incrementAndGet();
            throw failure;
        }));
    }

    @Test
    void anInterruptedPauseStopsAndTheThreadStaysInterrupted() {
        Thread.currentThread().interrupt();
        assertThat(failingEveryRun(new CannotAcquireLockException("deadlock"))).hasMessage("interrupted");
        assertThat(runs).hasValue(1);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }
}
