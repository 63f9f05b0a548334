package io.gatesync.sim;

import java.time.Duration;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Simulator switches. Where the real API's behaviour is unconfirmed or varies between builds, it is a switch here,
 * so clients can be tested against both answers.
 *
 * @param username     the one user that can log in
 * @param password     its password
 * @param empCodeMatch how the employee {@code emp_code} filter matches (some real servers match a prefix)
 * @param envelope     list key: {@code data} (the 8.x build seen live) or {@code results} (what the docs show)
 * @param internalHost base of {@code next}/{@code previous} links; the real server leaks its internal host there
 * @param language     language of localised validation messages (the duplicate emp_code text)
 * @param jwtTtl       lifetime of a JWT from {@code /jwt-api-token-auth/}
 */
@ConfigurationProperties("sim")
public record SimProperties(
        @DefaultValue("admin") String username,
        @DefaultValue("admin") String password,
        @DefaultValue("prefix") EmpCodeMatch empCodeMatch,
        @DefaultValue("data") Envelope envelope,
        @DefaultValue("http://biotime-internal:8081") String internalHost,
        @DefaultValue("en") Language language,
        @DefaultValue("7d") Duration jwtTtl) {

    public SimProperties {
        // links are built as internalHost + request path, so drop a trailing slash once here
        internalHost = internalHost.endsWith("/") ? internalHost.substring(0, internalHost.length() - 1) : internalHost;
    }

    public enum EmpCodeMatch { EXACT, PREFIX }

    public enum Envelope {
        DATA, RESULTS;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Language { EN, ZH }
}
