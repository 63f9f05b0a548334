package io.gatesync.worker.attendance;

import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.gatesync.common.db.Rows;
import io.gatesync.common.text.Texts;
import io.gatesync.common.time.DbTime;

/**
 * Where the arrival reads stand ({@code pull_cursor}): the highest BioTime transaction id read, and what it held. It
 * only ever moves up, and only after the punches read were stored, so a read that fails half-way is read again.
 */
@Component
public class PullCursor {

    /**
     * @param restoreSuspected why BioTime looks restored from a backup (ids reused), or null
     */
    public record State(
            long maxId,
            String empCode,
            String punchTime,
            String serverOrder,
            Instant readAt,
            String restoreSuspected) {}

    private final JdbcClient jdbc;

    public PullCursor(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<State> load() {
        return jdbc.sql("SELECT max_id, max_id_emp_code, max_id_punch_time, server_order, read_at, restore_suspected "
                        + "FROM pull_cursor WHERE id = 1")
                .query((rs, n) -> new State(
                        rs.getLong("max_id"),
                        rs.getString("max_id_emp_code"),
                        rs.getString("max_id_punch_time"),
                        rs.getString("server_order"),
                        Rows.instant(rs, "read_at"),
                        rs.getString("restore_suspected")))
                .optional();
    }

    /** Moves the cursor up to this id (never down: two reads at once leave the higher), with what it held. */
    public void advance(long maxId, String empCode, String punchTime, String serverOrder) {
        jdbc.sql("INSERT INTO pull_cursor (id, max_id, max_id_emp_code, max_id_punch_time, server_order, read_at) "
                        + "VALUES (1, :id, :emp, :time, :order, :now) ON DUPLICATE KEY UPDATE "
                        + "max_id_emp_code = IF(:id > max_id, :emp, max_id_emp_code), "
                        + "max_id_punch_time = IF(:id > max_id, :time, max_id_punch_time), "
                        + "max_id = GREATEST(max_id, :id), server_order = :order, read_at = :now")
                .param("id", maxId)
                .param("emp", Texts.truncate(empCode, 64))
                .param("time", punchTime)
                .param("order", serverOrder)
                .param("now", DbTime.now())
                .update();
    }

    /** Records that the server kept no order this time (the read fell back to a window). */
    public void readWithoutOrder() {
        jdbc.sql("UPDATE pull_cursor SET server_order = 'NONE', read_at = ? WHERE id = 1")
                .param(DbTime.now())
                .update();
    }

    /**
     * After the re-read of a restored BioTime: the cursor starts again at this id (lower than before, as BioTime's
     * ids now are), and arrival reads import again.
     */
    public void restartAfterRestore(long maxId, String empCode, String punchTime) {
        jdbc.sql("UPDATE pull_cursor SET max_id = ?, max_id_emp_code = ?, max_id_punch_time = ?, read_at = ?, "
                        + "restore_suspected = NULL WHERE id = 1")
                .params(maxId, Texts.truncate(empCode, 64), punchTime, DbTime.now())
                .update();
    }

    public void restoreSuspected(String why) {
        jdbc.sql("UPDATE pull_cursor SET restore_suspected = ? WHERE id = 1")
                .param(Texts.truncate(why, 500))
                .update();
    }
}
