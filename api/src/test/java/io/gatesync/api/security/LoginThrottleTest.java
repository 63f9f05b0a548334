package io.gatesync.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The sliding windows of failed sign-ins, per user name and per client address, on a clock the test moves. */
class LoginThrottleTest {

    private static final String HOME = "10.0.0.1";
    private static final String ELSEWHERE = "10.0.0.2";

    private final MovableClock clock = new MovableClock();
    private final LoginThrottle throttle = new LoginThrottle(new SecuritySettings(Duration.ofSeconds(5), 3, 5,
            Duration.ofMinutes(15), Duration.ofMinutes(10), List.of()), clock);

    @Test
    void aUserNameIsLockedAfterTooManyFailuresWithinTheWindowWhateverTheAddress() {
        assertThat(throttle.failed("Ali", HOME)).isEmpty();
        assertThat(throttle.failed("ali", ELSEWHERE)).isEmpty();
        assertThat(throttle.failed("ALI", HOME)).hasValueSatisfying(lock -> {
            assertThat(lock.subject()).isEqualTo("user");
            assertThat(lock.until()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
        });
        assertThat(throttle.lockOf("ali", "10.9.9.9")).isPresent();
        assertThat(throttle.lockOf("someone-else", HOME)).isEmpty();

        clock.move(Duration.ofMinutes(10));
        assertThat(throttle.lockOf("ali", HOME)).as("over after lockFor").isEmpty();
        assertThat(throttle.failed("ali", HOME)).as("and counting starts again").isEmpty();
    }

    @Test
    void failuresOlderThanTheWindowNoLongerCount() {
        throttle.failed("sara", HOME);
        clock.move(Duration.ofMinutes(10));
        throttle.failed("sara", HOME);
        clock.move(Duration.ofMinutes(6)); // the first failure is now 16 minutes old
        assertThat(throttle.failed("sara", HOME)).isEmpty();
        assertThat(throttle.failed("sara", HOME)).isPresent();
    }

    @Test
    void aSuccessClearsTheUserNamesCount() {
        throttle.failed("omar", HOME);
        throttle.failed("omar", HOME);
        throttle.succeeded("omar");
        assertThat(throttle.failed("omar", HOME)).isEmpty();
        assertThat(throttle.failed("omar", HOME)).isEmpty();
        assertThat(throttle.failed("omar", HOME)).isPresent();
    }

    @Test
    void anAddressTryingManyUserNamesIsLockedForEveryone() {
        for (int i = 0; i < 4; i++) {
            assertThat(throttle.failed("user" + i, HOME)).isEmpty();
        }
        throttle.succeeded("user0"); // one good account does not clear the address's count
        assertThat(throttle.failed("user9", HOME)).hasValueSatisfying(lock ->
                assertThat(lock.subject()).isEqualTo("address"));
        assertThat(throttle.lockOf("admin", HOME)).isPresent();
        assertThat(throttle.lockOf("admin", ELSEWHERE)).isEmpty();
    }

    @Test
    void forgettingOldEntriesKeepsLocksThatStillHold() {
        throttle.failed("ali", HOME);
        throttle.failed("ali", HOME);
        throttle.failed("ali", HOME);
        throttle.failed("bilal", ELSEWHERE);
        clock.move(Duration.ofMinutes(9));
        throttle.forgetOld();
        assertThat(throttle.lockOf("ali", HOME)).isPresent();
        clock.move(Duration.ofMinutes(20));
        throttle.forgetOld();
        assertThat(throttle.lockOf("ali", HOME)).isEmpty();
        assertThat(throttle.failed("bilal", ELSEWHERE)).isEmpty();
    }

    private static final class MovableClock extends Clock {

        private Instant now = Instant.parse("2026-11-24T09:00:00Z");

        void move(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
