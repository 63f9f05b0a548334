package io.gatesync.api.security;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.gatesync.common.config.InvalidSettingException;

/**
 * Tuning of authentication ({@code GATESYNC_SECURITY_*}). The sign-in rules these tune are {@link LoginThrottle}'s.
 *
 * @param cacheFor                   how long a gate token, or a signed-in user's account, is trusted without asking
 *                                   the database again: a revoked token or deleted user stops working within this
 *                                   long on every api instance
 * @param maxLoginFailures           failed sign-ins for one user name from one address within {@code loginWindow}
 *                                   that lock that name for that address; as many for one name from all addresses
 *                                   start the growing delays for that name
 * @param maxLoginFailuresPerAddress failed sign-ins from one address, whatever the names, within {@code loginWindow}
 *                                   that lock that address
 * @param loginWindow                the sliding window failures are counted in
 * @param lockFor                    how long a locked (user name, address) pair or address is refused
 * @param maxLoginDelay              the longest delay per user name (it doubles from 1 s with each further failure)
 * @param trustedProxies             IP addresses or CIDR ranges of the reverse proxies whose
 *                                   {@code X-Forwarded-For} is believed; empty: the connection's address is the
 *                                   client's
 */
@ConfigurationProperties("gatesync.security")
public record SecuritySettings(
        @DefaultValue("5s") Duration cacheFor,
        @DefaultValue("5") int maxLoginFailures,
        @DefaultValue("20") int maxLoginFailuresPerAddress,
        @DefaultValue("15m") Duration loginWindow,
        @DefaultValue("15m") Duration lockFor,
        @DefaultValue("5m") Duration maxLoginDelay,
        @DefaultValue List<String> trustedProxies) {

    public SecuritySettings {
        check(
                "GATESYNC_SECURITY_CACHE_FOR",
                cacheFor,
                !cacheFor.isNegative() && cacheFor.compareTo(Duration.ofMinutes(10)) <= 0,
                "a duration from 0s to 10m, e.g. 5s");
        check(
                "GATESYNC_SECURITY_MAX_LOGIN_FAILURES",
                maxLoginFailures,
                maxLoginFailures >= 1,
                "a whole number of at least 1");
        check(
                "GATESYNC_SECURITY_MAX_LOGIN_FAILURES_PER_ADDRESS",
                maxLoginFailuresPerAddress,
                maxLoginFailuresPerAddress >= 1,
                "a whole number of at least 1");
        check("GATESYNC_SECURITY_LOGIN_WINDOW", loginWindow, positive(loginWindow), "a duration above 0, e.g. 15m");
        check("GATESYNC_SECURITY_LOCK_FOR", lockFor, positive(lockFor), "a duration above 0, e.g. 15m");
        check(
                "GATESYNC_SECURITY_MAX_LOGIN_DELAY",
                maxLoginDelay,
                maxLoginDelay.compareTo(Duration.ofSeconds(1)) >= 0,
                "a duration of at least 1s, e.g. 5m");
        trustedProxies = trustedProxies == null
                ? List.of()
                : trustedProxies.stream()
                        .map(String::trim)
                        .filter(p -> !p.isEmpty())
                        .toList();
        for (String proxy : trustedProxies) {
            check(
                    "GATESYNC_SECURITY_TRUSTED_PROXIES",
                    String.join(",", trustedProxies),
                    IpRange.isValid(proxy),
                    "a comma-separated list of IP addresses or CIDR ranges, e.g. 10.0.0.5,10.1.0.0/16 ('" + proxy
                            + "' is neither)");
        }
    }

    private static boolean positive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }

    private static void check(String variable, Object value, boolean ok, String allowed) {
        if (!ok) {
            throw new InvalidSettingException(variable, String.valueOf(value), allowed);
        }
    }
}
