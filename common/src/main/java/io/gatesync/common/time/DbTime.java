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

    private DbTime() {}

    /**
     * Written digit by digit: a pull binds several times per punch, and the formatter was a tenth of the importer's
     * time (years outside 1000–9999 take the formatter).
     */
    public static String toDb(Instant instant) {
        if (instant == null) {
            return null;
        }
        LocalDateTime t = LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
        if (t.getYear() < 1000 || t.getYear() > 9999) {
            return TEXT.format(t);
        }
        char[] text = "0000-00-00 00:00:00.000".toCharArray();
        digits(text, 0, 4, t.getYear());
        digits(text, 5, 2, t.getMonthValue());
        digits(text, 8, 2, t.getDayOfMonth());
        digits(text, 11, 2, t.getHour());
        digits(text, 14, 2, t.getMinute());
        digits(text, 17, 2, t.getSecond());
        digits(text, 20, 3, t.getNano() / 1_000_000);
        return new String(text);
    }

    private static void digits(char[] text, int at, int width, int value) {
        for (int i = at + width - 1; i >= at; i--, value /= 10) {
            text[i] = (char) ('0' + value % 10);
        }
    }

    public static Instant fromDb(LocalDateTime value) {
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    public static String now() {
        return toDb(Instant.now());
    }
}
