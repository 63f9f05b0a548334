package io.gatesync.api.dashboard;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import io.gatesync.api.web.FieldChecks;
import io.gatesync.common.person.Cnic;
import io.gatesync.common.synclog.SyncLogKind;
import io.gatesync.common.synclog.SyncLogOutcome;
import io.gatesync.common.time.DbTime;

/** A checked {@code GET /zkteco/sync-logs} filter; null fields match everything. */
record SyncLogFilter(SyncLogKind kind, SyncLogOutcome outcome, Cnic cnic, Instant from, Instant to) {

    static SyncLogFilter of(FieldChecks checks, String kind, String outcome, String cnic, String from, String to) {
        SyncLogKind k = oneOf(checks, "kind", kind, SyncLogKind.class);
        SyncLogOutcome o = oneOf(checks, "outcome", outcome, SyncLogOutcome.class);
        Cnic person = cnic == null || cnic.isBlank() ? null : checks.cnic("cnic", cnic);
        Instant start = from == null || from.isBlank() ? null : checks.instant("from", from);
        Instant end = to == null || to.isBlank() ? null : checks.instant("to", to);
        if (start != null && end != null && !start.isBefore(end)) {
            checks.reject("from", "must be before to");
        }
        return new SyncLogFilter(k, o, person, start, end);
    }

    /** The constant named {@code value} in any case; null for none, or a problem listing them all. */
    private static <E extends Enum<E>> E oneOf(FieldChecks checks, String field, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String upper = value.trim().toUpperCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(upper)) {
                return constant;
            }
        }
        checks.reject(
                field,
                "must be one of "
                        + String.join(
                                ", ",
                                Stream.of(type.getEnumConstants())
                                        .map(Enum::name)
                                        .toList()));
        return null;
    }

    /**
     * The SQL condition, with its parameters put into {@code params}. A CNIC matches the person's own rows and those
     * of their entry logs (whose target is the entry log id), so one filter shows a person's whole history.
     */
    String where(Map<String, Object> params) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (kind != null) {
            where.append(" AND kind = :kind");
            params.put("kind", kind.name());
        }
        if (outcome != null) {
            where.append(" AND outcome = :outcome");
            params.put("outcome", outcome.name());
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
