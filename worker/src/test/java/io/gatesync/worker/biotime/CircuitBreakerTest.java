package io.gatesync.worker.biotime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.gatesync.testsupport.MovableClock;
import io.gatesync.worker.biotime.CircuitBreaker.State;

/** {@link CircuitBreaker} on a clock the test moves: when it opens, how long it stays open, and its one trial. */
class CircuitBreakerTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-24T09:00:00Z"));
    private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(10), Duration.ofSeconds(40), clock);
    private final List<State> heard = new ArrayList<>();

    CircuitBreakerTest() {
        breaker.onChange(heard::add);
    }

    private void outages(int n) {
        for (int i = 0; i < n; i++) {
            breaker.beforeCall();
            breaker.onOutage("502");
        }
    }

    private BioTimeException refused() {
        return catchThrowableOfType(BioTimeException.class, breaker::beforeCall);
    }

    /** Moves to the end of the open period and fails the trial: the circuit opens again. */
    private void failTrial(Duration openFor) {
        clock.move(openFor);
        breaker.beforeCall();
        breaker.onOutage("502");
    }

    @Test
    void itOpensAfterTheThresholdOfOutagesInARowAndAnAnswerResetsTheCount() {
        outages(2);
        breaker.beforeCall();
        breaker.onAnswer();
        outages(2);
        assertThat(breaker.state())
                .as("two, an answer, two: never three in a row")
                .isEqualTo(State.CLOSED);
        outages(1);
        assertThat(breaker.state()).isEqualTo(State.OPEN);
        assertThat(heard).containsExactly(State.OPEN);
    }

    @Test
    void whileOpenCallsFailAtOnceAsRetryLaterUntilTheOpenPeriodEnds() {
        outages(3);
        clock.move(Duration.ofSeconds(9));
        BioTimeException open = refused();
        assertThat(open).isNotNull();
        assertThat(open.getMessage()).contains("circuit open");
        assertThat(open.retryable()).isTrue();
        assertThat(breaker.trialDue()).isFalse();

        clock.move(Duration.ofSeconds(1));
        assertThat(breaker.trialDue()).isTrue();
        assertThatCode(breaker::beforeCall).as("the trial call goes through").doesNotThrowAnyException();
        assertThat(breaker.state()).isEqualTo(State.HALF_OPEN);
    }

    @Test
    void onlyOneTrialCallGoesThroughAndItsAnswerClosesTheCircuit() {
        outages(3);
        clock.move(Duration.ofSeconds(10));
        breaker.beforeCall();
        assertThat(refused()).as("a second call while the trial runs").isNotNull();

        breaker.onAnswer();

        assertThat(breaker.state()).isEqualTo(State.CLOSED);
        assertThatCode(breaker::beforeCall).doesNotThrowAnyException();
        assertThat(heard).containsExactly(State.OPEN, State.HALF_OPEN, State.CLOSED);
    }

    @Test
    void eachFailedTrialDoublesTheOpenPeriodUpToTheMaximum() {
        outages(3); // open for 10 s
        failTrial(Duration.ofSeconds(10)); // 20 s
        clock.move(Duration.ofSeconds(19));
        assertThat(refused()).as("19 s into 20").isNotNull();
        failTrial(Duration.ofSeconds(1)); // 40 s
        failTrial(Duration.ofSeconds(40)); // 80 s, capped at 40
        clock.move(Duration.ofSeconds(39));
        assertThat(breaker.trialDue()).isFalse();
        clock.move(Duration.ofSeconds(1));
        assertThat(breaker.trialDue()).as("never open longer than the maximum").isTrue();
    }

    @Test
    void anAnswerStartsTheOpenPeriodOverFromTheFirst() {
        outages(3);
        failTrial(Duration.ofSeconds(10)); // 20 s
        clock.move(Duration.ofSeconds(20));
        breaker.beforeCall();
        breaker.onAnswer();

        outages(3);
        clock.move(Duration.ofSeconds(10));
        assertThat(breaker.trialDue()).as("10 s again, not 40").isTrue();
    }
}
