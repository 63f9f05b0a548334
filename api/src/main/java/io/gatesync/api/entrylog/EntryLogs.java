package io.gatesync.api.entrylog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import io.gatesync.api.web.Page;
import io.gatesync.api.web.PageRequest;
import io.gatesync.common.db.Rows;
import io.gatesync.common.person.Cnic;
import io.gatesync.common.time.DbTime;

/** Reads {@code entry_logs} for the api. */
@Repository
class EntryLogs {

    private final JdbcClient jdbc;

    EntryLogs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Newest first, by the log's time (its entry, or its exit when it has no entry); a null bound is not applied,
     * {@code since} is inclusive, {@code until} exclusive.
     */
    Page<EntryLogView> list(Cnic person, Instant since, Instant until, PageRequest paging) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (person != null) {
            where.append(" AND cnic = ?");
            params.add(person.value());
        }
        if (since != null) {
            where.append(" AND COALESCE(entry_time, exit_time) >= ?");
            params.add(DbTime.toDb(since));
        }
        if (until != null) {
            where.append(" AND COALESCE(entry_time, exit_time) < ?");
            params.add(DbTime.toDb(until));
        }
        long total = jdbc.sql("SELECT COUNT(*) FROM entry_logs" + where)
                .params(params)
                .query(Long.class)
                .single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(paging.size());
        pageParams.add(paging.offset());
        List<EntryLogView> rows = jdbc.sql("SELECT * FROM entry_logs" + where
                        + " ORDER BY COALESCE(entry_time, exit_time) DESC, id DESC LIMIT ? OFFSET ?")
                .params(pageParams)
                .query(EntryLogs::map)
                .list();
        return Page.of(rows, paging, total);
    }

    private static EntryLogView map(ResultSet rs, int row) throws SQLException {
        return new EntryLogView(
                rs.getLong("id"),
                rs.getString("cnic"),
                Rows.instant(rs, "entry_time"),
                Rows.instant(rs, "exit_time"),
                rs.getString("entry_gate"),
                rs.getString("exit_gate"),
                rs.getString("source"),
                rs.getString("flag"),
                rs.getBoolean("person_left"),
                rs.getBoolean("zkteco_synced"),
                Rows.nullableLong(rs, "zkteco_transaction_id"),
                Rows.nullableLong(rs, "zkteco_exit_transaction_id"),
                Rows.instant(rs, "zkteco_sync_time"),
                rs.getString("zkteco_sync_error"));
    }
}
