package io.gatesync.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.gatesync.common.db.Rows;
import io.gatesync.common.time.DbTime;

/**
 * Throttles failed sign-ins (form login and HTTP Basic alike) so that guessing gets nowhere, yet a stranger cannot
 * lock a user out. N is {@code GATESYNC_SECURITY_MAX_LOGIN_FAILURES}, the window {@code …_LOGIN_WINDOW}; only wrong
 * passwords that were checked count, and the user name counts as typed, ignoring case. The address is the one
 * {@link ClientAddresses} gives: the connection's, or behind a trusted proxy the client's it forwards.
 * <ol>
 * <li><b>User name from one address:</b> N failures within the window lock that name for that address only, for
 * {@code …_LOCK_FOR}; while locked even the right password is refused (429). Other addresses are not affected.</li>
 * <li><b>One address, any user names:</b> {@code …_MAX_LOGIN_FAILURES_PER_ADDRESS} failures within the window lock
 * the address for every name, for {@code …_LOCK_FOR}. Only failures from that address count, so nobody elsewhere
 * can lock it.</li>
 * <li><b>User name from all addresses:</b> once it has N or more failures within the window, an address that has
 * itself failed for it within the window must wait, after the name's latest failure, 1 s doubled for each failure
 * beyond N, at most {@code …_MAX_LOGIN_DELAY}; earlier tries are refused unchecked (429). An address that has not
 * failed for the name is checked at once: a right password from it signs in, whatever others tried. So guesses
 * spread over many addresses get one each, then share one check per delay.</li>
 * </ol>
 * A success deletes the failures of that name from that address (one account's right password does not reset the
 * address's count for other names, nor others' failures for the name). After a lock, failures still within the
 * window keep counting: with {@code …_LOCK_FOR} shorter than the window, the next failure locks again.
 * <p>
 * The failures live in the database (table {@code login_failures}), so every api instance counts the same; each
 * attempt costs one read, and one insert (failure) or at most one delete (success). Blocking: call off the event
 * loop.
 */
@Component
public class LoginThrottle {

    enum Reason {
        /** the user name, from this address */
        PAIR,
        /** this address, for every user name */
        ADDRESS,
        /** the user name's growing delay, for an address that failed for it */
        DELAY
    }

    /** Why an attempt is refused, and until when. */
    record Lock(Reason reason, Instant until) {}

    /** Keeps 1 s shifted left in range; the cap ends the doubling long before. */
    private static final int MAX_DOUBLINGS = 30;

    private final SecuritySettings settings;
    private final JdbcClient jdbc;
    private final Clock clock;

    @Autowired
    public LoginThrottle(SecuritySettings settings, JdbcClient jdbc) {
        this(settings, jdbc, Clock.systemUTC());
    }

    LoginThrottle(SecuritySettings settings, JdbcClient jdbc, Clock clock) {
        this.settings = settings;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Reads what the table says about a sign-in as this user name from this address, before its password is checked. */
    Attempt attempt(String username, String address) {
        Instant now = clock.instant();
        byte[] user = userKey(username);
        String from = address.length() > 64 ? address.substring(0, 64) : address;
        // two index ranges (by user name, by address), each row once; counts and latest times in one pass
        return jdbc.sql("""
                SELECT COUNT(CASE WHEN same_user AND same_address AND failed_at > :window THEN 1 END),
                       MAX(CASE WHEN same_user AND same_address AND locks_pair THEN failed_at END),
                       COUNT(CASE WHEN same_user AND failed_at > :window THEN 1 END),
                       MAX(CASE WHEN same_user AND failed_at > :window THEN failed_at END),
                       COUNT(CASE WHEN same_address AND failed_at > :window THEN 1 END),
                       MAX(CASE WHEN same_address AND locks_address THEN failed_at END)
                FROM (SELECT TRUE AS same_user, address = :address AS same_address, failed_at, locks_pair,
                             locks_address
                      FROM login_failures WHERE user_key = :user AND failed_at > :horizon
                      UNION ALL
                      SELECT FALSE, TRUE, failed_at, FALSE, locks_address
                      FROM login_failures WHERE address = :address AND user_key <> :user AND failed_at > :horizon
                     ) f
                """)
                .param("user", user)
                .param("address", from)
                .param("window", DbTime.toDb(now.minus(settings.loginWindow())))
                .param("horizon", DbTime.toDb(horizon(now)))
                .query((rs, n) -> new Attempt(
                        user,
                        from,
                        rs.getInt(1),
                        Rows.instant(rs, 2),
                        rs.getInt(3),
                        Rows.instant(rs, 4),
                        rs.getInt(5),
                        Rows.instant(rs, 6)))
                .single();
    }

    /** Deletes failures too old to count or to lock: every instance does it, each a no-op after the first. */
    @Scheduled(fixedDelayString = "PT1M")
    void forgetOld() {
        jdbc.sql("DELETE FROM login_failures WHERE failed_at <= ?")
                .param(DbTime.toDb(horizon(clock.instant())))
                .update();
    }

    private Instant horizon(Instant now) {
        Duration window = settings.loginWindow();
        Duration lockFor = settings.lockFor();
        return now.minus(window.compareTo(lockFor) >= 0 ? window : lockFor);
    }

    /** 1 s doubled for each failure of the name beyond N, at most the cap. */
    Duration delay(int userFailures) {
        int doublings = Math.min(userFailures - settings.maxLoginFailures(), MAX_DOUBLINGS);
        Duration delay = Duration.ofSeconds(1L << Math.max(0, doublings));
        return delay.compareTo(settings.maxLoginDelay()) < 0 ? delay : settings.maxLoginDelay();
    }

    private static byte[] userKey(String username) {
        String name = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        try {
            return MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** One sign-in attempt: the failures that were counted for it (within the window), and its outcome to record. */
    final class Attempt {

        private final byte[] user;
        private final String address;
        private final int pairFailures;
        private final Instant pairLockedAt;
        private final int userFailures;
        private final Instant userLastFailure;
        private final int addressFailures;
        private final Instant addressLockedAt;

        private Attempt(
                byte[] user,
                String address,
                int pairFailures,
                Instant pairLockedAt,
                int userFailures,
                Instant userLastFailure,
                int addressFailures,
                Instant addressLockedAt) {
            this.user = user;
            this.address = address;
            this.pairFailures = pairFailures;
            this.pairLockedAt = pairLockedAt;
            this.userFailures = userFailures;
            this.userLastFailure = userLastFailure;
            this.addressFailures = addressFailures;
            this.addressLockedAt = addressLockedAt;
        }

        /** The lock that refuses this attempt before its password is checked, if any (the one that lasts longest). */
        Optional<Lock> refused() {
            Instant now = clock.instant();
            Optional<Lock> delay = pairFailures > 0 && userFailures >= settings.maxLoginFailures()
                    ? Optional.of(new Lock(Reason.DELAY, userLastFailure.plus(delay(userFailures))))
                    : Optional.empty();
            return Stream.of(lockedAt(Reason.PAIR, pairLockedAt), lockedAt(Reason.ADDRESS, addressLockedAt), delay)
                    .flatMap(Optional::stream)
                    .filter(lock -> now.isBefore(lock.until()))
                    .max(Comparator.comparing(Lock::until));
        }

        /** Records the wrong password; returns the lock it set off, if any (the address's before the pair's). */
        Optional<Lock> failed() {
            Instant now = clock.instant();
            boolean locksPair = pairFailures + 1 >= settings.maxLoginFailures();
            boolean locksAddress = addressFailures + 1 >= settings.maxLoginFailuresPerAddress();
            jdbc.sql("INSERT INTO login_failures (user_key, address, failed_at, locks_pair, locks_address) "
                            + "VALUES (?, ?, ?, ?, ?)")
                    .params(user, address, DbTime.toDb(now), locksPair, locksAddress)
                    .update();
            Instant until = now.plus(settings.lockFor());
            return locksAddress
                    ? Optional.of(new Lock(Reason.ADDRESS, until))
                    : locksPair ? Optional.of(new Lock(Reason.PAIR, until)) : Optional.empty();
        }

        /** Whether this failure, if it is one, starts the user name's delays (worth a line in the log). */
        boolean startsDelays() {
            return userFailures + 1 == settings.maxLoginFailures();
        }

        /** The right password: this address's failures for this name no longer count. */
        void succeeded() {
            if (pairFailures > 0 || pairLockedAt != null) {
                jdbc.sql("DELETE FROM login_failures WHERE user_key = ? AND address = ?")
                        .params(user, address)
                        .update();
            }
        }

        private Optional<Lock> lockedAt(Reason reason, Instant lockedAt) {
            return Optional.ofNullable(lockedAt).map(at -> new Lock(reason, at.plus(settings.lockFor())));
        }
    }
}
