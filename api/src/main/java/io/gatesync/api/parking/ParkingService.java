package io.gatesync.api.parking;

import java.sql.ResultSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.gatesync.api.web.Page;
import io.gatesync.api.web.PageRequest;
import io.gatesync.common.db.Rows;
import io.gatesync.common.pull.ParkReason;

/**
 * The attendance pull's parking list ({@code parked_punches}, written by the workers) for the dashboard: read, and
 * marked for a retry, which the next periodic pull carries out (the import lives in the workers).
 */
@Service
public class ParkingService {

    static final String RETRY_WHEN = "with the next periodic attendance pull (every 10 minutes)";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    public ParkingService(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** {@code reason} null for all. */
    public ParkedPage list(ParkReason reason, PageRequest paging) {
        return tx.execute(status -> {
            Map<String, Object> params = new HashMap<>();
            String where = "";
            if (reason != null) {
                where = " WHERE reason = :reason";
                params.put("reason", reason.name());
            }
            long total = jdbc.sql("SELECT COUNT(*) FROM parked_punches" + where)
                    .params(params)
                    .query(Long.class)
                    .single();
            params.put("limit", paging.size());
            params.put("offset", paging.offset());
            List<ParkedView> rows = jdbc.sql("SELECT * FROM parked_punches" + where
                            + " ORDER BY parked_at, transaction_id LIMIT :limit OFFSET :offset")
                    .params(params)
                    .query((ResultSet rs, int n) -> new ParkedView(
                            rs.getLong("transaction_id"),
                            rs.getString("emp_code"),
                            rs.getString("punch_time"),
                            rs.getString("punch_state"),
                            rs.getString("terminal_sn"),
                            rs.getString("reason"),
                            rs.getString("message"),
                            Rows.instant(rs, "parked_at"),
                            Rows.instant(rs, "tried_at"),
                            rs.getInt("tries"),
                            rs.getBoolean("retry_requested")))
                    .list();
            Map<String, Long> counts = new LinkedHashMap<>();
            for (ParkReason r : ParkReason.values()) {
                counts.put(r.name(), 0L);
            }
            jdbc.sql("SELECT reason, COUNT(*) AS n FROM parked_punches GROUP BY reason")
                    .query((ResultSet rs) -> {
                        counts.put(rs.getString("reason"), rs.getLong("n"));
                    });
            Page<ParkedView> page = Page.of(rows, paging, total);
            return new ParkedPage(
                    page.content(),
                    page.page(),
                    page.size(),
                    page.totalElements(),
                    page.totalPages(),
                    counts,
                    counts.values().stream().mapToLong(Long::longValue).sum(),
                    RETRY_WHEN);
        });
    }

    /** Marks parked punches for a retry: the ids given, those of a reason, or (both null) all. */
    public RetryRequested requestRetry(List<Long> ids, ParkReason reason) {
        int requested;
        if (ids != null) {
            requested = ids.isEmpty()
                    ? 0
                    : jdbc.sql("UPDATE parked_punches SET retry_requested = 1 " + "WHERE transaction_id IN (:ids)")
                            .param("ids", ids)
                            .update();
        } else if (reason != null) {
            requested = jdbc.sql("UPDATE parked_punches SET retry_requested = 1 WHERE reason = ?")
                    .param(reason.name())
                    .update();
        } else {
            requested =
                    jdbc.sql("UPDATE parked_punches SET retry_requested = 1").update();
        }
        return new RetryRequested(requested, RETRY_WHEN);
    }
}
