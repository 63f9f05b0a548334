package io.gatesync.api.reconcile;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;

import tools.jackson.databind.JsonNode;

import io.gatesync.api.web.FieldChecks;
import io.gatesync.api.web.InvalidRequestException;
import io.gatesync.common.reconcile.ReconcileRuns;

/**
 * The body of {@code POST /zkteco/reconcile}, checked: {@code from} and {@code to} as dates {@code yyyy-MM-dd} of the
 * BioTime server's zone, both included; each defaults to yesterday (a missing body reconciles yesterday). At most
 * {@link ReconcileRuns#MAX_DAYS} days, none after today.
 */
record ReconcileRequest(LocalDate from, LocalDate to) {

    private static final Set<String> FIELDS = Set.of("from", "to");
    private static final String DATE = "must be a date such as 2026-11-01 (a day of the BioTime server's zone)";

    List<LocalDate> days() {
        return from.datesUntil(to.plusDays(1)).toList();
    }

    /** Checks a request body against the BioTime server's {@code today}, naming every bad field and the fix. */
    static ReconcileRequest from(JsonNode body, LocalDate today) {
        if (body != null && !body.isNull() && !body.isMissingNode() && !body.isObject()) {
            throw new InvalidRequestException(
                    "body",
                    "must be a JSON object like {\"from\": \"2026-11-01\", "
                            + "\"to\": \"2026-11-07\"}, or empty to reconcile yesterday");
        }
        FieldChecks checks = new FieldChecks();
        LocalDate yesterday = today.minusDays(1);
        LocalDate from = yesterday;
        LocalDate to = yesterday;
        if (body != null && body.isObject()) {
            for (String name : body.propertyNames()) {
                if (!FIELDS.contains(name)) {
                    checks.reject(name, "is not a reconciliation setting; send from and to (dates), or nothing");
                }
            }
            from = date(checks, "from", body.get("from"), yesterday);
            to = date(checks, "to", body.get("to"), body.hasNonNull("from") && from != null ? from : yesterday);
        }
        if (from != null && to != null) {
            if (to.isBefore(from)) {
                checks.reject("to", "must be on or after from");
            } else if (ChronoUnit.DAYS.between(from, to) >= ReconcileRuns.MAX_DAYS) {
                checks.reject(
                        "to",
                        "must be at most " + ReconcileRuns.MAX_DAYS + " days from from, both included; "
                                + "reconcile a longer time in several runs");
            } else if (to.isAfter(today)) {
                checks.reject("to", "must not be after today (" + today + " in the BioTime server's zone)");
            }
        }
        checks.throwIfInvalid();
        return new ReconcileRequest(from, to);
    }

    private static LocalDate date(FieldChecks checks, String field, JsonNode value, LocalDate otherwise) {
        if (value == null || value.isNull()) {
            return otherwise;
        }
        try {
            return LocalDate.parse(value.isString() ? value.stringValue().trim() : "");
        } catch (DateTimeParseException e) {
            checks.reject(field, DATE);
            return null;
        }
    }
}
