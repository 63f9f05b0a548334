package io.gatesync.api.deadletter;

import java.util.Map;

/** A checked list filter; null fields match everything. */
record DeadLetterFilter(String kind, String reason, String target, StatusFilter status) {

    /** The SQL condition, with its parameters put into {@code params}; {@code reason} left out if asked. */
    String where(Map<String, Object> params, boolean withReason) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (status != StatusFilter.ALL) {
            where.append(" AND status = :status");
            params.put("status", status.name());
        }
        if (kind != null) {
            where.append(" AND kind = :kind");
            params.put("kind", kind);
        }
        if (withReason && reason != null) {
            where.append(" AND reason = :reason");
            params.put("reason", reason);
        }
        if (target != null) {
            where.append(" AND target = :target");
            params.put("target", target);
        }
        return where.toString();
    }
}
