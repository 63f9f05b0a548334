package io.gatesync.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.gatesync.api.security.LoginThrottle.Lock;
import io.gatesync.api.security.LoginThrottle.Reason;
import io.gatesync.testsupport.MovableClock;
import io.gatesync.testsupport.TestServices;

/**
 * The throttle's rule (see {@link LoginThrottle}) on a clock the test moves, over the real database: N = 3 failures
 * per user name and address, 5 per address, a 15-minute window, 10-minute locks, delays up to a minute.
 */
class LoginThrottleTest {

    private static final String HOME = "10.0.0.1";
    private static final String ELSEWHERE = "10.0.0.2";
    private static final SecuritySettings SETTINGS = new SecuritySettings(
            Duration.ofSeconds(5),
            3,
            5,
            Duration.ofMinutes(15),
            Duration.ofMinutes(10),
            Duration.ofMinutes(1),
            List.of());

    private static JdbcClient jdbc;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-11-24T09:00:00Z"));
    private final LoginThrottle throttle = new LoginThrottle(SETTINGS, jdbc, clock);

    @BeforeAll
    static void database() {
        DataSource dataSource = TestServices.get().newDataSource();
        Flyway.configure().dataSource(dataSource).load().migrate();
        jdbc = JdbcClient.create(dataSource);
    }

    /** Each test its own names and addresses on the shared table: a prefix keeps them apart. */
    private final String run = SecuredApi.unique("t");

    private String user(String name) {
        return run + "-" + name;
    }

    private String address(String address) {
        return run + "/" + address;
    }

    private Optional<Lock> failed(LoginThrottle on, String name, String from) {
        return on.attempt(user(name), address(from)).failed();
    }

    private Optional<Lock> failed(String name, String from) {
        return failed(throttle, name, from);
    }

    private Optional<Lock> refused(LoginThrottle on, String name, String from) {
        return on.attempt(user(name), address(from)).refused();
    }

    private Optional<Lock> refused(String name, String from) {
        return refused(throttle, name, from);
    }

    @Test
    void aUserNameIsLockedOnlyForTheAddressItFailedFrom() {
        assertThat(failed("Ali", HOME)).isEmpty();
        assertThat(failed("ali", HOME)).isEmpty();
        assertThat(failed("ALI ", HOME))
                .hasValue(new Lock(Reason.PAIR, clock.instant().plus(Duration.ofMinutes(10))));
        assertThat(refused("ali", HOME))
                .hasValueSatisfying(lock -> assertThat(lock.reason()).isEqualTo(Reason.PAIR));
        assertThat(refused("ali", ELSEWHERE))
                .as("an address that has not failed is checked at once")
                .isEmpty();
        assertThat(refused("someone-else", HOME)).isEmpty();

        clock.move(Duration.ofMinutes(10));
        assertThat(refused("ali", HOME)).as("over after lockFor").isEmpty();
        assertThat(failed("ali", HOME))
                .as("the failures still in the window count: one more locks again")
                .hasValueSatisfying(lock -> assertThat(lock.reason()).isEqualTo(Reason.PAIR));
    }

    @Test
    void tenWrongPasswordsFromOneAddressDoNotDelayAnotherAddress() {
        for (int i = 0; i < 10; i++) {
            if (refused("admin", HOME).isEmpty()) {
                failed("admin", HOME);
            }
        }
        assertThat(refused("admin", HOME)).isPresent();
        LoginThrottle.Attempt fromElsewhere = throttle.attempt(user("admin"), address(ELSEWHERE));
        assertThat(fromElsewhere.refused()).isEmpty();
        fromElsewhere.succeeded();
        assertThat(refused("admin", HOME)).as("the guesser stays locked").isPresent();
    }

    @Test
    void failuresOlderThanTheWindowNoLongerCount() {
        failed("sara", HOME);
        clock.move(Duration.ofMinutes(10));
        failed("sara", HOME);
        clock.move(Duration.ofMinutes(6)); // the first failure is now 16 minutes old
        assertThat(failed("sara", HOME)).isEmpty();
        assertThat(failed("sara", HOME)).isPresent();
    }

    @Test
    void aSuccessClearsThatAddressesFailuresForTheNameOnly() {
        failed("omar", HOME);
        failed("omar", HOME);
        failed("omar", ELSEWHERE);
        failed("omar", ELSEWHERE);
        throttle.attempt(user("omar"), address(HOME)).succeeded();
        assertThat(failed("omar", HOME)).isEmpty();
        assertThat(failed("omar", HOME)).isEmpty();
        assertThat(failed("omar", HOME)).isPresent();
        assertThat(failed("omar", ELSEWHERE))
                .as("another address's count is its own")
                .isPresent();
    }

    @Test
    void anAddressTryingManyUserNamesIsLockedForEveryName() {
        for (int i = 0; i < 4; i++) {
            assertThat(failed("user" + i, HOME)).isEmpty();
        }
        throttle.attempt(user("owner"), address(HOME)).succeeded(); // one good account clears nobody else's failures
        assertThat(failed("user9", HOME))
                .hasValue(new Lock(Reason.ADDRESS, clock.instant().plus(Duration.ofMinutes(10))));
        assertThat(refused("admin", HOME))
                .hasValueSatisfying(lock -> assertThat(lock.reason()).isEqualTo(Reason.ADDRESS));
        assertThat(refused("admin", ELSEWHERE)).isEmpty();
    }

    @Test
    void guessesFromManyAddressesMeetADelayThatGrowsPerUserNameAndIsCapped() {
        for (int i = 1; i <= 3; i++) {
            assertThat(failed("boss", "a" + i)).isEmpty(); // one failure each: no pair is locked
        }
        Instant last = clock.instant();
        assertThat(refused("boss", "a1"))
                .as("N failures for the name: 1 s for the addresses that failed")
                .hasValue(new Lock(Reason.DELAY, last.plus(Duration.ofSeconds(1))));
        assertThat(refused("boss", "fresh"))
                .as("an address that has not failed is checked at once")
                .isEmpty();
        assertThat(refused("other", "a1")).as("other names are not delayed").isEmpty();

        clock.move(Duration.ofSeconds(1));
        assertThat(refused("boss", "a2")).isEmpty();
        failed("boss", "a2");
        assertThat(refused("boss", "a3"))
                .as("any failed address waits after the name's latest failure")
                .hasValue(new Lock(Reason.DELAY, clock.instant().plus(Duration.ofSeconds(2))));
        for (int i = 4; i < 12; i++) {
            failed("boss", "a" + i); // new addresses: checked, and counted
        }
        assertThat(refused("boss", "a1"))
                .as("12 failures: 2^9 s, capped at 1 minute")
                .hasValue(new Lock(Reason.DELAY, clock.instant().plus(Duration.ofMinutes(1))));
        assertThat(throttle.delay(4)).isEqualTo(Duration.ofSeconds(2));
        assertThat(throttle.delay(8)).isEqualTo(Duration.ofSeconds(32));
        assertThat(throttle.delay(1_000)).isEqualTo(Duration.ofMinutes(1));

        clock.move(Duration.ofMinutes(1));
        assertThat(refused("boss", "a1")).isEmpty();
        clock.move(Duration.ofMinutes(15));
        assertThat(failed("boss", "a1"))
                .as("out of the window, the name starts again")
                .isEmpty();
        assertThat(refused("boss", "a1")).isEmpty();
    }

    @Test
    void twoInstancesOverOneDatabaseShareTheCounts() {
        LoginThrottle other = new LoginThrottle(SETTINGS, jdbc, clock);
        failed(throttle, "nadia", HOME);
        failed(other, "nadia", HOME);
        assertThat(failed(throttle, "nadia", HOME)).isPresent();
        assertThat(refused(other, "nadia", HOME))
                .hasValueSatisfying(lock -> assertThat(lock.reason()).isEqualTo(Reason.PAIR));
        other.attempt(user("nadia"), address(ELSEWHERE)).succeeded();
        assertThat(refused(throttle, "nadia", HOME)).isPresent();
    }

    @Test
    void forgettingOldRowsKeepsLocksThatStillHold() {
        failed("zara", HOME);
        failed("zara", HOME);
        failed("zara", HOME);
        failed("bilal", ELSEWHERE);
        clock.move(Duration.ofMinutes(9));
        throttle.forgetOld();
        assertThat(refused("zara", HOME)).isPresent();
        clock.move(Duration.ofMinutes(20));
        throttle.forgetOld();
        assertThat(refused("zara", HOME)).isEmpty();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM login_failures WHERE address LIKE ?")
                        .param(run + "/%")
                        .query(Integer.class)
                        .single())
                .isZero();
    }
}
