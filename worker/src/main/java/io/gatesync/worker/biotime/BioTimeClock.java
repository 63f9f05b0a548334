package io.gatesync.worker.biotime;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;

import io.gatesync.common.config.ZktecoProperties;

/**
 * BioTime speaks naive local times ("2026-11-24 09:15:00") of its server's zone (ZKTECO_TIMEZONE). This is the
 * one place that converts them; nothing else guesses a zone.
 */
public class BioTimeClock {

    static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** What builds and proxies send besides FORMAT: a "T", fractions of a second, an offset (then it wins). */
    private static final DateTimeFormatter LENIENT = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd HH:mm:ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HH:MM", "Z")
            .optionalEnd()
            .toFormatter(); // FORMAT's (smart) resolver, so both read a time alike

    private final ZoneId zone;

    public BioTimeClock(ZktecoProperties settings) {
        this(settings.timezone());
    }

    public BioTimeClock(ZoneId zone) {
        this.zone = zone;
    }

    /** An instant as BioTime's wall-clock text, to the second (BioTime keeps no fractions). */
    public String format(Instant instant) {
        return FORMAT.format(LocalDateTime.ofInstant(instant, zone));
    }

    /**
     * BioTime wall-clock text as an instant. In the hour a DST change repeats, the earlier offset is taken; a time
     * in the skipped hour is moved forward by the gap (java.time's rule), as the terminal's clock did. Besides
     * "yyyy-MM-dd HH:mm:ss", a "T" and fractions of a second are read (seen across builds), and a time that carries
     * an offset is taken at its offset. The punch's second is what counts: fractions are dropped.
     */
    public Instant parse(String text) {
        String trimmed = text.trim();
        LocalDateTime local = plain(trimmed);
        if (local != null) {
            return ZonedDateTime.ofLocal(local, zone, null).toInstant();
        }
        TemporalAccessor parsed = LENIENT.parse(trimmed.replace('T', ' '));
        Instant instant = parsed.isSupported(ChronoField.OFFSET_SECONDS)
                ? OffsetDateTime.from(parsed).toInstant()
                : ZonedDateTime.ofLocal(LocalDateTime.from(parsed), zone, null).toInstant();
        return instant.truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * BioTime's time text (any layout {@link #parse} reads) as its plain wall-clock text, the way BioTime's unique key
     * sees a second; null when there is no text or it cannot be read. What punches are matched on: compared as
     * wall-clock text, the hour a DST change repeats (two instants, one text) matches as BioTime itself would.
     */
    public String wallClock(String text) {
        if (text == null) {
            return null;
        }
        try {
            return format(parse(text));
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    /**
     * "yyyy-MM-dd HH:mm:ss" read digit by digit (a pull parses every punch's time; the formatter costs several times
     * more), or null for anything else, which the formatter then reads (or rejects) as before.
     */
    private static LocalDateTime plain(String t) {
        if (t.length() != 19
                || t.charAt(4) != '-'
                || t.charAt(7) != '-'
                || (t.charAt(10) != ' ' && t.charAt(10) != 'T')
                || t.charAt(13) != ':'
                || t.charAt(16) != ':') {
            return null;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if ((year | month | day | hour | minute | second) < 0
                || month < 1
                || month > 12
                || day < 1
                || day > 28
                || hour > 23
                || minute > 59
                || second > 59) {
            return null; // days 29-31 too: the formatter's rules for the end of a month stay the formatter's
        }
        return LocalDateTime.of(year, month, day, hour, minute, second);
    }

    private static int digits(String t, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    public ZoneId zone() {
        return zone;
    }
}
