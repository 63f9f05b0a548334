package io.gatesync.api.security;

import java.time.Duration;
import java.time.Instant;

import org.springframework.security.core.AuthenticationException;

/** A sign-in refused because its user name or client address failed too often; answered 429 with when to retry. */
class LoginLockedException extends AuthenticationException {

    private final transient LoginThrottle.Lock lock;

    LoginLockedException(LoginThrottle.Lock lock) {
        super("Too many failed sign-ins for this " + lock.subject() + "; locked until " + lock.until());
        this.lock = lock;
    }

    Instant until() {
        return lock.until();
    }

    /** Whole seconds to wait, at least 1 (the Retry-After header). */
    long retryAfterSeconds(Instant now) {
        return Math.max(1, (Duration.between(now, lock.until()).toMillis() + 999) / 1000);
    }

    String detail() {
        String who = "user".equals(lock.subject()) ? "for this user name" : "from your address";
        return "Too many failed sign-ins " + who + "; sign-in is locked until " + lock.until()
                + ". Wait until then, and check the user name and password before trying again.";
    }
}
