package io.gatesync.api.pull;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Set;

import tools.jackson.databind.JsonNode;

import io.gatesync.api.web.FieldChecks;
import io.gatesync.api.web.InvalidRequestException;

/**
 * The body of {@code POST /zkteco/pull-attendance}, checked: {@code from} and {@code to} as ISO-8601 times with an
 * offset ([from, to)), or as dates {@code yyyy-MM-dd} meaning whole days of the BioTime server's zone
 * (ZKTECO_TIMEZONE), both days included; {@code chunkMinutes} 1–1440, default 60.
 */
record PullRequest(Instant from, Instant to, Duration chunk) {

    static final int DEFAULT_CHUNK_MINUTES = 60;
    static final Duration MAX_RANGE = Duration.ofDays(366);
    /** More chunks than this is a mistake (one-minute chunks over months), not a pull. */
    static final int MAX_CHUNKS = 10_000;

    private static final Set<String> FIELDS = Set.of("from", "to", "chunkMinutes");
    private static final String TIME = "must be an ISO-8601 time with an offset, e.g. 2026-11-01T00:00:00+05:00, "
            + "or a date such as 2026-11-01 (a whole day of the BioTime server's zone)";

    long chunks() {
        long size = chunk.toMillis();
        return (Duration.between(from, to).toMillis() + size - 1) / size;
    }

    /** Checks a request body, naming every bad or unknown field and what to send instead. */
    static PullRequest from(JsonNode body, ZoneId siteZone) {
        if (body == null || body.isNull() || body.isMissingNode() || !body.isObject()) {
            throw new InvalidRequestException(
                    "body",
                    "must be a JSON object like {\"from\": \"2026-11-01\", "
                            + "\"to\": \"2026-11-07\", \"chunkMinutes\": 60}");
        }
        FieldChecks checks = new FieldChecks();
        for (String name : body.propertyNames()) {
            if (!FIELDS.contains(name)) {
                checks.reject(name, "is not a pull setting; send from, to and optionally chunkMinutes");
            }
        }
        Instant from = time(checks, "from", body.get("from"), siteZone, false);
        Instant to = time(checks, "to", body.get("to"), siteZone, true);
        Integer minutes = minutes(checks, body.get("chunkMinutes"));
        if (from != null && to != null) {
            if (!from.isBefore(to)) {
                checks.reject("to", "must be after from");
            } else if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
                checks.reject("to", "must be at most 366 days after from; pull a longer time in several requests");
            }
        }
        checks.throwIfInvalid();
        PullRequest request = new PullRequest(from, to, Duration.ofMinutes(minutes));
        if (request.chunks() > MAX_CHUNKS) {
            long atLeast = (Duration.between(from, to).toMinutes() + MAX_CHUNKS - 1) / MAX_CHUNKS;
            throw new InvalidRequestException(
                    "chunkMinutes",
                    "would cut this range into " + request.chunks() + " chunks (at most " + MAX_CHUNKS
                            + "); use at least " + atLeast + " minutes");
        }
        return request;
    }

    /**
     * The body of {@code POST /zkteco/pull-attendance/reread}: {@code {"from": "2026-11-01"}} (a date of the BioTime
     * server's zone, or an ISO-8601 time with an offset), at most 366 days back; the re-read runs up to now.
     */
    static Instant rereadFrom(JsonNode body, ZoneId siteZone, Instant now) {
        if (body == null || body.isNull() || body.isMissingNode() || !body.isObject()) {
            throw new InvalidRequestException(
                    "body",
                    "must be a JSON object like {\"from\": \"2026-11-01\"}: the "
                            + "date to read BioTime again from (the day of the backup it was restored from, or earlier)");
        }
        FieldChecks checks = new FieldChecks();
        for (String name : body.propertyNames()) {
            if (!"from".equals(name)) {
                checks.reject(name, "is not a re-read setting; send from only");
            }
        }
        Instant from = time(checks, "from", body.get("from"), siteZone, false);
        if (from != null && !from.isBefore(now)) {
            checks.reject("from", "must be in the past");
        } else if (from != null && Duration.between(from, now).compareTo(MAX_RANGE) > 0) {
            checks.reject("from", "must be at most 366 days ago");
        }
        checks.throwIfInvalid();
        return from;
    }

    /** A time with an offset, or a date: its start ({@code from}) or the start of the next day ({@code to}). */
    private static Instant time(FieldChecks checks, String field, JsonNode value, ZoneId zone, boolean endOfDay) {
        if (value == null || value.isNull()) {
            checks.reject(field, "is required; " + TIME);
            return null;
        }
        String text = value.isString() ? value.stringValue().trim() : "";
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(zone).toInstant();
            }
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            checks.reject(field, TIME);
            return null;
        }
    }

    private static Integer minutes(FieldChecks checks, JsonNode value) {
        if (value == null || value.isNull()) {
            return DEFAULT_CHUNK_MINUTES;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1 || value.intValue() > 1440) {
            checks.reject(
                    "chunkMinutes",
                    "must be a whole number of minutes from 1 to 1440 (default " + DEFAULT_CHUNK_MINUTES + ")");
            return DEFAULT_CHUNK_MINUTES;
        }
        return value.intValue();
    }
}
