package io.gatesync.api.deadletter;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;

import io.gatesync.api.web.FieldChecks;
import io.gatesync.api.web.InvalidRequestException;

/**
 * The body of {@code POST /zkteco/dead-letters/replay}, checked: exactly one of {@code id}, {@code ids},
 * {@code kind} and/or {@code reason}, or {@code all: true}. Only dead letters still DEAD are ever replayed.
 *
 * @param id     one dead letter (must exist and be DEAD)
 * @param ids    several, in ascending order without repeats; those not DEAD are passed over
 * @param kind   every DEAD one of this kind, e.g. ENTRY_SYNC (may be combined with reason)
 * @param reason every DEAD one with this reason, e.g. PERMANENT (may be combined with kind)
 * @param all    every DEAD one
 */
record ReplaySelector(Long id, List<Long> ids, String kind, String reason, boolean all) {

    static final int MAX_IDS = 1000;

    static final String HOW = "send one of {\"id\": 12}, {\"ids\": [12, 13]}, {\"kind\": \"ENTRY_SYNC\"} and/or "
            + "{\"reason\": \"PERMANENT\"}, or {\"all\": true}";

    private static final Set<String> FIELDS = Set.of("id", "ids", "kind", "reason", "all");

    boolean byFilter() {
        return kind != null || reason != null;
    }

    /** Checks a request body, naming every bad or unknown field and what to send instead. */
    static ReplaySelector from(JsonNode body) {
        if (body == null || body.isNull() || body.isMissingNode() || !body.isObject()) {
            throw new InvalidRequestException("body", "must be a JSON object naming what to replay: " + HOW);
        }
        FieldChecks checks = new FieldChecks();
        for (String name : body.propertyNames()) {
            if (!FIELDS.contains(name)) {
                checks.reject(name, "is not a replay selector; " + HOW);
            }
        }
        boolean hasId = body.has("id");
        boolean hasIds = body.has("ids");
        boolean hasKind = body.has("kind");
        boolean hasReason = body.has("reason");
        boolean hasAll = body.has("all");

        Long id = hasId ? id(checks, "id", body.get("id")) : null;
        List<Long> ids = hasIds ? ids(checks, body.get("ids")) : null;
        String kind = hasKind ? name(checks, "kind", body.get("kind"), "ENTRY_SYNC") : null;
        String reason = hasReason ? name(checks, "reason", body.get("reason"), "PERMANENT") : null;
        if (hasAll && !(body.get("all").isBoolean() && body.get("all").booleanValue())) {
            checks.reject(
                    "all",
                    "must be true to replay every dead letter; to replay some, send id, ids, kind or "
                            + "reason instead");
        }

        if (hasAll && (hasId || hasIds || hasKind || hasReason)) {
            checks.reject(
                    "all",
                    "cannot be combined with id, ids, kind or reason: send {\"all\": true} alone, or "
                            + "leave all out to replay only what the other fields select");
        }
        if (hasId && hasIds) {
            checks.reject(
                    "ids",
                    "cannot be combined with id: send one dead letter as {\"id\": 12} or several as "
                            + "{\"ids\": [12, 13]}");
        }
        if ((hasId || hasIds) && (hasKind || hasReason)) {
            checks.reject(
                    hasKind ? "kind" : "reason",
                    "cannot be combined with " + (hasId ? "id" : "ids")
                            + ": replay by id, or by kind and/or reason, in separate requests");
        }
        if (!hasId && !hasIds && !hasKind && !hasReason && !hasAll && checks.ok()) {
            checks.reject("body", "names nothing to replay; " + HOW);
        }
        checks.throwIfInvalid();
        return new ReplaySelector(id, ids, kind, reason, hasAll);
    }

    private static Long id(FieldChecks checks, String field, JsonNode value) {
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 1) {
            checks.reject(field, "must be a dead letter id, a whole number such as 12");
            return null;
        }
        return value.longValue();
    }

    private static List<Long> ids(FieldChecks checks, JsonNode value) {
        if (value == null || !value.isArray() || value.isEmpty() || value.size() > MAX_IDS) {
            checks.reject("ids", "must be a JSON array of 1 to " + MAX_IDS + " dead letter ids, e.g. [12, 13]");
            return null;
        }
        TreeSet<Long> ids = new TreeSet<>();
        int i = 0;
        for (JsonNode item : value.values()) {
            Long id = id(checks, "ids[" + i++ + "]", item);
            if (id != null) {
                ids.add(id);
            }
        }
        return List.copyOf(ids);
    }

    private static String name(FieldChecks checks, String field, JsonNode value, String example) {
        if (value == null
                || !value.isString()
                || value.stringValue().isBlank()
                || value.stringValue().trim().length() > 32) {
            checks.reject(field, "must be a " + field + " as the dead-letter list shows it, e.g. \"" + example + "\"");
            return null;
        }
        return value.stringValue().trim().toUpperCase(Locale.ROOT);
    }
}
