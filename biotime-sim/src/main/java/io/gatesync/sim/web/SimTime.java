package io.gatesync.sim.web;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;

/** BioTime's wire formats: naive local times, no zone (the simulator stores what it receives). */
public final class SimTime {

    public static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss").withResolverStyle(ResolverStyle.STRICT);
    public static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

    private SimTime() {}

    public static String format(LocalDateTime t) {
        return t == null ? null : DATE_TIME.format(t);
    }

    public static String format(LocalDate d) {
        return d == null ? null : DATE.format(d);
    }

    public static Optional<LocalDateTime> parseDateTime(String s) {
        try {
            return Optional.of(LocalDateTime.parse(s.trim(), DATE_TIME));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public static Optional<LocalDate> parseDate(String s) {
        try {
            return Optional.of(LocalDate.parse(s.trim(), DATE));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * A list-filter bound, parsed like Django's forms.DateTimeField: a datetime with or without seconds,
     * ISO "T" form, or a plain date (meaning midnight). Empty when unparsable.
     */
    public static Optional<LocalDateTime> parseFilterBound(String s) {
        String v = s.trim().replace('T', ' ');
        Optional<LocalDateTime> full = parseDateTime(v);
        if (full.isPresent()) {
            return full;
        }
        if (v.length() == 16) {
            Optional<LocalDateTime> minutes = parseDateTime(v + ":00");
            if (minutes.isPresent()) {
                return minutes;
            }
        }
        return parseDate(v).map(LocalDate::atStartOfDay);
    }
}
