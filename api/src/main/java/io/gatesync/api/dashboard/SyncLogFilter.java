package io.gatesync.api.dashboard;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import io.gatesync.api.web.FieldChecks;
import io.gatesync.common.messaging.CommandKind;
import io.gatesync.common.person.Cnic;
import io.gatesync.common.time.DbTime;

/** A checked {@code GET /zkteco/sync-logs} filter; null fields match everything. */
record SyncLogFilter(String kind, String outcome, Cnic cnic, Instant from, Instant to) {

    /** Who writes sync logs: the command kinds (workers), JOB (periodic jobs), MANUAL and CONNECTION_TEST (api). */
    static final List<String> KINDS = Stream.concat(Stream.of(CommandKind.values()).map(Enum::name),
            Stream.of("JOB", "MANUAL", "CONNECTION_TEST", "UNKNOWN")).toList();
    /** Workers write the first four; the api QUEUED (manual syncs) and REPLAYED (dead letters sent back). */
    static final List<String> OUTCOMES = List.of("SUCCESS", "RETRY", "FAILED", "SKIPPED", "QUEUED", "REPLAYED");

    static SyncLogFilter of(FieldChecks checks, String kind, String outcome, String cnic, String from, String to) {
        String k = oneOf(checks, "kind", kind, KINDS);
        String o = oneOf(checks, "outcome", outcome, OUTCOMES);
        Cnic person = cnic == null || cnic.isBlank() ? null : checks.cnic("cnic", cnic);
        Instant start = from == null || from.isBlank() ? null : checks.instant("from", from);
        Instant end = to == null || to.isBlank() ? null : checks.instant("to", to);
        if (start != null && end != null && !start.isBefore(end)) {
            checks.reject("from", "must be before to");
        }
        return new SyncLogFilter(k, o, person, start, end);
    }

    private static String oneOf(FieldChecks checks, String field, String value, List<String> allowed) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String upper = value.trim().toUpperCase(Locale.ROOT);
        if (!allowed.contains(upper)) {
            checks.reject(field, "must be one of " + String.join(", ", allowed));
            return null;
        }
        return upper;
    }

    /**
     * The SQL condition, with its parameters put into {@code params}. A CNIC matches the person's own rows and those
     * of their entry logs (whose target is the entry log id), so one filter shows a person's whole history.
     */
    String where(Map<String, Object> params) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (kind != null) {
            where.append(" AND kind = :kind");
            params.put("kind", kind);
        }
        if (outcome != null) {
            where.append(" AND outcome = :outcome");
            params.put("outcome", outcome);
        }
        if (cnic != null) {
            where.append(" AND (target = :cnic OR target IN (SELECT CAST(id AS CHAR) FROM entry_logs "
                    + "WHERE cnic = :cnic))");
            params.put("cnic", cnic.value());
        }
        if (from != null) {
            where.append(" AND created_at >= :from");
            params.put("from", DbTime.toDb(from));
        }
        if (to != null) {
            where.append(" AND created_at < :to");
            params.put("to", DbTime.toDb(to));
        }
        return where.toString();
    }
}
