package io.gatesync.common.config;

import java.net.URI;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code zkteco.*} settings, bound from the integration guide's {@code ZKTECO_*} environment variables.
 * Every value is checked here, once; a bad one stops start-up with a line naming the variable and what is allowed
 * (see {@link InvalidSettingFailureAnalyzer}).
 */
@ConfigurationProperties("zkteco")
public record ZktecoProperties(
        @DefaultValue("http://localhost:8000") URI baseUrl,
        @DefaultValue("admin") String username,
        @DefaultValue("admin") String password,
        @DefaultValue("jwt") AuthScheme authScheme,
        @DefaultValue("true") boolean autoSync,
        @DefaultValue("5") int syncInterval,
        @DefaultValue("true") boolean pullAttendance,
        @DefaultValue("10") int pullInterval,
        @DefaultValue("5m") Duration pullOverlap,
        @DefaultValue("1") long defaultDepartment,
        @DefaultValue("1") long defaultPosition,
        @DefaultValue("1") long defaultArea,
        ZoneId timezone,
        @DefaultValue("transaction-api") PunchChannel punchChannel,
        @DefaultValue("10") double rateLimit,
        @DefaultValue("8") int maxInFlight,
        @DefaultValue("500") int batchSize,
        @DefaultValue("1000") int pageSize,
        @DefaultValue("5s,30s,2m,10m") List<Duration> retryDelays,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("30s") Duration readTimeout,
        @DefaultValue("gatesync.local") String emailDomain,
        @DefaultValue("GATESYNC") String terminalSn,
        Long terminalArea,
        @DefaultValue("4") int verifyType,
        @DefaultValue("1") int punchSource,
        @DefaultValue("9") int punchPurpose,
        String caCert,
        @DefaultValue("02:30") String reconcileAt) {

    /** What each setting accepts, by its property name; the one text both start-up errors and docs use. */
    public static final Map<String, String> ALLOWED = Map.ofEntries(
            Map.entry("base-url", "an http or https URL of the BioTime server, e.g. http://biotime:8000"),
            Map.entry("username", "a non-empty BioTime user name"),
            Map.entry("password", "a non-empty BioTime password"),
            Map.entry("auth-scheme", "jwt or token"),
            Map.entry("auto-sync", "true or false"),
            Map.entry("sync-interval", "a whole number of minutes from 1 to 1440"),
            Map.entry("pull-attendance", "true or false"),
            Map.entry("pull-interval", "a whole number of minutes from 1 to 1440"),
            Map.entry("pull-overlap", "a duration from 0s to 1d, e.g. 5m"),
            Map.entry("default-department", "a BioTime department id, a whole number of at least 1"),
            Map.entry("default-position", "a BioTime position id, a whole number of at least 1"),
            Map.entry("default-area", "a BioTime area id, a whole number of at least 1"),
            Map.entry("timezone", "an IANA time zone of the BioTime server, e.g. Asia/Karachi"),
            Map.entry("punch-channel", "transaction-api, manual-log or adms"),
            Map.entry("rate-limit", "BioTime requests per second for the whole cluster, a number above 0 up to 10000"),
            Map.entry("max-in-flight", "a whole number from 1 to 1000"),
            Map.entry("batch-size", "a whole number from 1 to 10000"),
            Map.entry("page-size", "a whole number from 1 to 5000"),
            Map.entry("retry-delays", "a comma-separated list of durations above 0, e.g. 5s,30s,2m,10m"),
            Map.entry("connect-timeout", "a duration from 100ms to 5m, e.g. 5s"),
            Map.entry("read-timeout", "a duration from 100ms to 10m, e.g. 30s"),
            Map.entry(
                    "email-domain",
                    "a domain of at most 36 characters for generated e-mail addresses, e.g. " + "example.com"),
            Map.entry(
                    "terminal-sn",
                    "a terminal serial number of 6 to 20 letters, digits or dashes (BioTime registers "
                            + "no shorter one)"),
            Map.entry(
                    "terminal-area",
                    "the BioTime area id GateSync's terminal is created in, a whole number of at "
                            + "least 1 (best an area of its own, with no employees)"),
            Map.entry(
                    "verify-type",
                    "a BioTime verify type from 0 to 255 for GateSync's punches, e.g. 4 (card), "
                            + "1 (fingerprint), 15 (face), 0 (password)"),
            Map.entry(
                    "punch-source",
                    "the source GateSync's transaction-api punches carry, from 0 to 255 (1, as " + "terminals' rows)"),
            Map.entry(
                    "punch-purpose",
                    "the purpose GateSync's transaction-api punches carry, from 0 to 255 (9, as " + "terminals' rows)"),
            Map.entry(
                    "ca-cert",
                    "a PEM file (path, or the PEM text itself) with the site's CA certificate or BioTime's "
                            + "own self-signed certificate; empty: the JVM's trust store. Verification is never switched off"),
            Map.entry(
                    "reconcile-at",
                    "the time of day, in the BioTime server's zone, the nightly reconciliation starts: "
                            + "HH:mm, e.g. 02:30"));

    public ZktecoProperties {
        timezone = timezone == null ? ZoneId.systemDefault() : timezone;
        check(
                "base-url",
                baseUrl,
                baseUrl != null
                        && baseUrl.getHost() != null
                        && ("http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme())));
        check("username", username, username != null && !username.isBlank());
        check("password", "(hidden)", password != null && !password.isEmpty());
        check("sync-interval", syncInterval, syncInterval >= 1 && syncInterval <= 1440);
        check("pull-interval", pullInterval, pullInterval >= 1 && pullInterval <= 1440);
        check("pull-overlap", pullOverlap, !pullOverlap.isNegative() && pullOverlap.compareTo(Duration.ofDays(1)) <= 0);
        check("default-department", defaultDepartment, defaultDepartment >= 1);
        check("default-position", defaultPosition, defaultPosition >= 1);
        check("default-area", defaultArea, defaultArea >= 1);
        check("rate-limit", rateLimit, rateLimit > 0 && rateLimit <= 10_000);
        check("max-in-flight", maxInFlight, maxInFlight >= 1 && maxInFlight <= 1000);
        check("batch-size", batchSize, batchSize >= 1 && batchSize <= 10_000);
        check("page-size", pageSize, pageSize >= 1 && pageSize <= 5000);
        check(
                "retry-delays",
                retryDelays,
                !retryDelays.isEmpty() && retryDelays.stream().allMatch(d -> !d.isNegative() && !d.isZero()));
        check("connect-timeout", connectTimeout, within(connectTimeout, Duration.ofMillis(100), Duration.ofMinutes(5)));
        check("read-timeout", readTimeout, within(readTimeout, Duration.ofMillis(100), Duration.ofMinutes(10)));
        // generated addresses are <13-digit CNIC>@domain, and BioTime keeps at most 50 characters of an e-mail
        check(
                "email-domain",
                emailDomain,
                emailDomain != null
                        && emailDomain.length() <= MAX_EMAIL_DOMAIN
                        && emailDomain.matches("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+"));
        check("terminal-sn", terminalSn, terminalSn != null && terminalSn.matches("[A-Za-z0-9-]{6,20}"));
        check("terminal-area", terminalArea, terminalArea == null || terminalArea >= 1);
        check("verify-type", verifyType, verifyType >= 0 && verifyType <= 255);
        check("punch-source", punchSource, punchSource >= 0 && punchSource <= 255);
        check("punch-purpose", punchPurpose, punchPurpose >= 0 && punchPurpose <= 255);
        retryDelays = List.copyOf(retryDelays);
        caCert = caCert == null || caCert.isBlank() ? null : caCert.trim();
        check(
                "reconcile-at",
                reconcileAt,
                reconcileAt != null && reconcileAt.trim().matches("([01]\\d|2[0-3]):[0-5]\\d"));
        reconcileAt = reconcileAt.trim();
    }

    /** When the nightly reconciliation starts, in the BioTime server's zone ({@link #timezone()}). */
    public LocalTime reconcileTime() {
        return LocalTime.parse(reconcileAt);
    }

    /** BioTime's 50 characters of e-mail, less a CNIC and "@". */
    public static final int MAX_EMAIL_DOMAIN = 50 - 14;

    /** The area GateSync's terminal is created in: ZKTECO_TERMINAL_AREA, else the default area. */
    public long terminalAreaOrDefault() {
        return terminalArea != null ? terminalArea : defaultArea;
    }

    /**
     * What BioTime's certificate must chain to: ZKTECO_CA_CERT (a PEM file, or PEM text from a secret file), or
     * empty for the JVM's trust store. The worker reads and checks it once, at start-up (the api never connects).
     */
    public Optional<String> caCertificate() {
        return Optional.ofNullable(caCert);
    }

    /** The environment variable a property is read from, e.g. sync-interval → ZKTECO_SYNC_INTERVAL. */
    public static String variableOf(String property) {
        return "ZKTECO_" + property.replace('-', '_').toUpperCase(Locale.ROOT);
    }

    private static void check(String property, Object value, boolean ok) {
        if (!ok) {
            throw new InvalidSettingException(variableOf(property), String.valueOf(value), ALLOWED.get(property));
        }
    }

    private static boolean within(Duration value, Duration min, Duration max) {
        return value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
    }

    /** Never print the BioTime password, not even in a debug dump of the configuration. */
    @Override
    public String toString() {
        return "ZktecoProperties[baseUrl=" + baseUrl + ", username=" + username + ", password=(hidden), authScheme="
                + authScheme + ", autoSync=" + autoSync + ", syncInterval=" + syncInterval + ", pullAttendance="
                + pullAttendance + ", pullInterval=" + pullInterval + ", timezone=" + timezone + ", punchChannel="
                + punchChannel + ", rateLimit=" + rateLimit + ", defaultDepartment=" + defaultDepartment
                + ", defaultPosition=" + defaultPosition + ", defaultArea=" + defaultArea + "]";
    }

    public enum AuthScheme {
        JWT,
        TOKEN
    }

    /** How punches reach BioTime; see docs/architecture.md "Punch channels". */
    public enum PunchChannel {
        TRANSACTION_API,
        MANUAL_LOG,
        ADMS
    }
}
