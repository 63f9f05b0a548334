package io.gatesync.common.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        AtomicInteger runs = new AtomicInteger();
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
        AtomicInteger runs = new AtomicInteger();
        CannotAcquireLockException last = new CannotAcquireLockException("still");
        assertThatThrownBy(() -> retry.run(() -> {
                    runs.incrementAndGet();
                    throw last;
                }))
                .hasMessage("gave up")
                .hasCause(last);
        assertThat(runs).hasValue(4);
    }

    @Test
    void anythingElseIsThrownAsItIsAtOnce() {
        AtomicInteger runs = new AtomicInteger();
        DuplicateKeyException other = new DuplicateKeyException("not a lock");
        assertThatThrownBy(() -> retry.run(() -> {
                    runs.incrementAndGet();
                    throw other;
                }))
                .isSameAs(other);
        assertThat(runs).hasValue(1);
    }

    @Test
    void anInterruptedPauseStopsAndTheThreadStaysInterrupted() {
        AtomicInteger runs = new AtomicInteger();
        assertThatThrownBy(() -> retry.run(() -> {
                    runs.incrementAndGet();
                    Thread.currentThread().interrupt();
                    throw new CannotAcquireLockException("deadlock");
                }))
                .hasMessage("interrupted");
        assertThat(runs).hasValue(1);
        assertThat(Thread.currentThread().isInterrupted()).isTrue();
    }
}
