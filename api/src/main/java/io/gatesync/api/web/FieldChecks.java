package io.gatesync.api.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.gatesync.common.person.Cnic;

/**
 * Collects every problem of one request before answering, so a client fixes all its fields in one round.
 * Each check returns the parsed value, or null after recording what is wrong.
 */
public final class FieldChecks {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[A-Za-z]{2,63}");

    private final String prefix;
    private final List<FieldProblem> problems = new ArrayList<>();

    public FieldChecks() {
        this("");
    }

    /** Field names get this prefix, e.g. "[3]." for item 3 of a batch. */
    public FieldChecks(String prefix) {
        this.prefix = prefix;
    }

    public void reject(String field, String message) {
        problems.add(new FieldProblem(prefix + field, message));
    }

    public String text(String field, String value, int maxLength, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                reject(field, "is required");
            }
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.length() > maxLength) {
            reject(field, "must be at most " + maxLength + " characters");
            return null;
        }
        return trimmed;
    }

    /** An optional whole number (a page, a size): null when absent; range checks are the caller's. */
    public Integer wholeNumber(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            reject(field, "must be a whole number");
            return null;
        }
    }

    public Cnic cnic(String field, String value) {
        return parse(field, value, Cnic::parse, "must be " + Cnic.FORMAT);
    }

    public Instant instant(String field, String value) {
        return parse(
                field,
                value,
                v -> OffsetDateTime.parse(v).toInstant(),
                "must be an ISO-8601 time with an offset, e.g. 2026-11-24T09:15:00+05:00");
    }

    public String email(String field, String value, int maxLength) {
        String email = text(field, value, maxLength, false);
        if (email != null && !EMAIL.matcher(email).matches()) {
            reject(field, "must be an e-mail address like name@example.com");
            return null;
        }
        return email;
    }

    public String phone(String field, String value, int maxLength) {
        String phone = text(field, value, maxLength, false);
        if (phone != null && !phone.matches("\\+?[0-9][0-9 -]*")) {
            reject(field, "must be digits, optionally with a leading + and spaces or dashes, e.g. +92 300 1234567");
            return null;
        }
        return phone;
    }

    public <E extends Enum<E>> E oneOf(String field, String value, Class<E> type) {
        String allowed = String.join(
                " or ",
                java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList());
        return parse(
                field,
                value,
                v -> Enum.valueOf(type, v.trim().toUpperCase(java.util.Locale.ROOT)),
                "must be " + allowed);
    }

    private <T> T parse(String field, String value, Function<String, T> parser, String message) {
        if (value == null || value.isBlank()) {
            reject(field, "is required");
            return null;
        }
        try {
            return parser.apply(value.trim());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            reject(field, message);
            return null;
        }
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    public List<FieldProblem> problems() {
        return List.copyOf(problems);
    }

    /** Throws the collected problems, if any. */
    public void throwIfInvalid() {
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }
}
