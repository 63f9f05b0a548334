package io.gatesync.common.time;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Every DATETIME column holds UTC: this is the one place that converts to and from it.
 * <p>
 * Values are bound as text ("2026-11-24 09:15:00.123"): MariaDB introduces itself as "5.5.5-10.x" and
 * Connector/J then drops the fractions of temporal parameters (MySQL before 5.6.4 had none), which would turn
 * 09:15:00.123 into 09:15:00 on MariaDB only. The server reads the text into DATETIME(3) on both.
 */
public final class DbTime {

    private static final DateTimeFormatter TEXT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private DbTime() {
    }

    public static String toDb(Instant instant) {
        return instant == null ? null
                : TEXT.format(LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC));
    }

    public static Instant fromDb(LocalDateTime value) {
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    public static String now() {
        return toDb(Instant.now());
    }
}
