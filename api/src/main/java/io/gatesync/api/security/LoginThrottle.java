package io.gatesync.api.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Counts failed sign-ins (form login and HTTP Basic alike) per user name and per client address in a sliding window;
 * too many lock that name or address for a while, and while locked even the right password is refused, so guessing
 * gets nowhere. A success clears the user name's count (not the address's: one valid account must not let a client
 * keep guessing other users' passwords). Kept in memory: each api instance counts on its own.
 */
@Component
public class LoginThrottle {

    /** Who is locked ({@code "user"} or {@code "address"}) and until when. */
    record Lock(String subject, Instant until) {
    }

    private final SecuritySettings settings;
    private final Clock clock;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    @Autowired
    public LoginThrottle(SecuritySettings settings) {
        this(settings, Clock.systemUTC());
    }

    LoginThrottle(SecuritySettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** The lock that refuses this attempt, if any. */
    Optional<Lock> lockOf(String username, String address) {
        Instant now = clock.instant();
        return lock("user", userKey(username), now).or(() -> lock("address", addressKey(address), now));
    }

    /** Records a failed attempt; returns the lock it caused, if any. */
    Optional<Lock> failed(String username, String address) {
        Instant now = clock.instant();
        Optional<Lock> byUser = count("user", userKey(username), settings.maxLoginFailures(), now);
        Optional<Lock> byAddress = count("address", addressKey(address), settings.maxLoginFailuresPerAddress(), now);
        return byUser.or(() -> byAddress);
    }

    void succeeded(String username) {
        failures.remove(userKey(username));
    }

    /** Forgets counts nobody added to within the window and locks that are over, so memory stays bounded. */
    @Scheduled(fixedDelayString = "PT1M")
    void forgetOld() {
        Instant now = clock.instant();
        failures.entrySet().removeIf(e -> e.getValue().idle(now, settings.loginWindow()));
    }

    private Optional<Lock> lock(String subject, String key, Instant now) {
        Failures f = failures.get(key);
        return f == null ? Optional.empty() : f.lockedUntil(now).map(until -> new Lock(subject, until));
    }

    private Optional<Lock> count(String subject, String key, int max, Instant now) {
        Failures f = failures.computeIfAbsent(key, k -> new Failures());
        return f.add(now, settings.loginWindow(), max, settings.lockFor()).map(until -> new Lock(subject, until));
    }

    private static String userKey(String username) {
        String name = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        return "user:" + (name.length() > 64 ? name.substring(0, 64) : name); // longer names are no user's anyway
    }

    private static String addressKey(String address) {
        return "address:" + address;
    }

    /** Failure times within the window, and the end of a lock. */
    private static final class Failures {

        private final ArrayDeque<Instant> times = new ArrayDeque<>();
        private Instant lockedUntil = Instant.MIN;

        synchronized Optional<Instant> lockedUntil(Instant now) {
            return now.isBefore(lockedUntil) ? Optional.of(lockedUntil) : Optional.empty();
        }

        synchronized Optional<Instant> add(Instant now, Duration window, int max, Duration lockFor) {
            times.addLast(now);
            while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(window))) {
                times.removeFirst();
            }
            if (times.size() >= max) {
                times.clear(); // after the lock, the count starts again
                lockedUntil = now.plus(lockFor);
                return Optional.of(lockedUntil);
            }
            return Optional.empty();
        }

        synchronized boolean idle(Instant now, Duration window) {
            return !now.isBefore(lockedUntil) && (times.isEmpty() || !times.peekLast().isAfter(now.minus(window)));
        }
    }
}
