package io.gatesync.api.dashboard;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.gatesync.api.web.Page;
import io.gatesync.api.web.PageRequest;
import io.gatesync.common.db.Rows;

/** Reads {@code zkteco_sync_logs} for the dashboard, newest first. */
@Component
class SyncLogs {

    private final JdbcClient jdbc;

    SyncLogs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Page<SyncLogView> list(SyncLogFilter filter, PageRequest paging) {
        Map<String, Object> params = new HashMap<>();
        String where = filter.where(params);
        long total = jdbc.sql("SELECT COUNT(*) FROM zkteco_sync_logs" + where)
                .params(params)
                .query(Long.class)
                .single();
        List<SyncLogView> rows = jdbc.sql("SELECT * FROM zkteco_sync_logs" + where
                        + " ORDER BY created_at DESC, id DESC LIMIT :limit OFFSET :offset")
                .params(params)
                .param("limit", paging.size())
                .param("offset", paging.offset())
                .query((rs, n) -> new SyncLogView(
                        rs.getLong("id"),
                        rs.getString("kind"),
                        rs.getString("target"),
                        rs.getString("outcome"),
                        rs.getString("message"),
                        rs.getInt("attempt"),
                        rs.getInt("duration_ms"),
                        rs.getString("command_id"),
                        rs.getString("node"),
                        Rows.instant(rs, "created_at")))
                .list();
        return Page.of(rows, paging, total);
    }
}
