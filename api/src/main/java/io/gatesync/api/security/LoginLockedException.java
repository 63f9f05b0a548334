package io.gatesync.api.security;

import java.time.Duration;
import java.time.Instant;

import org.springframework.security.core.AuthenticationException;

/** A sign-in refused by {@link LoginThrottle} (locked or slowed down); answered 429 with when to retry. */
class LoginLockedException extends AuthenticationException {

    private final transient LoginThrottle.Lock lock;

    LoginLockedException(LoginThrottle.Lock lock) {
        super("Too many failed sign-ins (" + lock.reason() + "); refused until " + lock.until());
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
        String what = switch (lock.reason()) {
            case PAIR -> "Too many failed sign-ins for this user name from your address; sign-in is locked until ";
            case ADDRESS -> "Too many failed sign-ins from your address; sign-in is locked until ";
            case DELAY ->
                "Too many failed sign-ins for this user name; from an address that failed for it, sign-in "
                        + "is slowed down: the next try is checked after ";
        };
        return what + lock.until() + ". Wait until then, and check the user name and password before trying again.";
    }
}
