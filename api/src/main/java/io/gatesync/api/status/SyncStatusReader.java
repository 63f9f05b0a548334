package io.gatesync.api.status;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.gatesync.common.db.Rows;
import io.gatesync.common.pull.Completeness;

/** Reads what the workers wrote about their periodic jobs and the pull: {@code sync_jobs}, the cursor, the terminals. */
@Component
class SyncStatusReader {

    private final JdbcClient jdbc;

    SyncStatusReader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The job's row with its schedule; a job that never ran has none yet. */
    JobStatus jobStatus(String name, boolean enabled, Duration interval) {
        return jdbc.sql("SELECT * FROM sync_jobs WHERE name = ?")
                .param(name)
                .query((rs, n) -> {
                    Instant lastStarted = Rows.instant(rs, "last_started");
                    Long duration = Rows.nullableLong(rs, "last_duration_ms");
                    Long items = Rows.nullableLong(rs, "last_items");
                    return new JobStatus(
                            name,
                            enabled,
                            interval,
                            rs.getLong("runs"),
                            lastStarted,
                            Rows.instant(rs, "last_finished"),
                            Rows.instant(rs, "last_success"),
                            rs.getString("last_outcome"),
                            rs.getString("last_message"),
                            duration == null ? null : duration.intValue(),
                            items == null ? null : items.intValue(),
                            lastStarted == null ? null : lastStarted.plus(interval),
                            Rows.instant(rs, "watermark"));
                })
                .optional()
                .orElse(new JobStatus(
                        name, enabled, interval, 0, null, null, null, null, null, null, null, null, null));
    }

    /** Empty until the first periodic pull ran. */
    Optional<Arrivals> arrivals() {
        return jdbc.sql("SELECT max_id, server_order, read_at, restore_suspected FROM pull_cursor")
                .query(SyncStatusReader::toArrivals)
                .optional();
    }

    /** Empty until the first periodic pull ran. */
    Optional<Instant> completeUpTo() {
        return jdbc.sql(Completeness.COMPLETE_UP_TO)
                .query((rs, n) -> Rows.instant(rs, 1))
                .optional();
    }

    /** The site's terminals, silent ones first; GateSync's own is not listed. */
    List<TerminalStatus> terminals() {
        return jdbc.sql("SELECT sn, alias, area_name, last_activity, read_at, "
                        + "last_activity IS NULL OR last_activity < UTC_TIMESTAMP(3) - INTERVAL silent_after_s SECOND "
                        + "AS silent FROM biotime_terminals WHERE own = 0 ORDER BY silent DESC, last_activity, sn")
                .query((rs, n) -> new TerminalStatus(
                        rs.getString("sn"),
                        rs.getString("alias"),
                        rs.getString("area_name"),
                        Rows.instant(rs, "last_activity"),
                        rs.getBoolean("silent"),
                        Rows.instant(rs, "read_at")))
                .list();
    }

    private static Arrivals toArrivals(ResultSet rs, int row) throws SQLException {
        return new Arrivals(
                rs.getLong("max_id"),
                rs.getString("server_order"),
                Rows.instant(rs, "read_at"),
                rs.getString("restore_suspected"));
    }
}
