package io.gatesync.worker.entrylog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import io.gatesync.common.db.Rows;
import io.gatesync.common.text.Texts;
import io.gatesync.common.time.DbTime;

/**
 * {@link EntryLogPushes} on the database: a statement per step for a whole batch of logs (a statement per row was a
 * round trip per punch), the columns each {@link Direction} names.
 */
@Component
class JdbcEntryLogPushes implements EntryLogPushes {

    /** The columns {@link #map} reads. */
    static final String COLUMNS = "id, person_id, cnic, entry_time, exit_time, zkteco_transaction_id, "
            + "zkteco_exit_transaction_id, zkteco_manual_log_id, zkteco_exit_manual_log_id, entry_push_started_at, "
            + "exit_push_started_at, entry_punch_shift, exit_punch_shift, zkteco_synced";

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final TransactionTemplate tx;

    JdbcEntryLogPushes(JdbcClient jdbc, JdbcTemplate jdbcTemplate, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.tx = tx;
    }

    @Override
    public Map<Long, EntryLogRow> load(Collection<Long> ids) {
        return load(ids, "");
    }

    /** {@code lock} is appended to the query (" FOR UPDATE", or ""). */
    private Map<Long, EntryLogRow> load(Collection<Long> ids, String lock) {
        Map<Long, EntryLogRow> rows = new HashMap<>();
        if (ids.isEmpty()) {
            return rows;
        }
        jdbc.sql("SELECT " + COLUMNS + " FROM entry_logs WHERE id IN (" + marks(ids.size()) + ")" + lock)
                .params(List.copyOf(ids))
                .query(JdbcEntryLogPushes::map)
                .list()
                .forEach(r -> rows.put(r.id(), r));
        return rows;
    }

    /** One query for the batch, index ranges per person: a batch-wide range read every log of its people between. */
    @Override
    public List<EntryLogRow> around(Collection<Window> windows) {
        if (windows.isEmpty()) {
            return List.of();
        }
        List<Object> params = new ArrayList<>();
        windows.forEach(w -> params.addAll(List.of(w.cnic(), DbTime.toDb(w.from()), DbTime.toDb(w.to()))));
        windows.forEach(w -> params.addAll(List.of(w.personId(), DbTime.toDb(w.from()), DbTime.toDb(w.to()))));
        // entries through (cnic, entry_time), exits through (person_id, exit_time, …); a log may come twice
        Map<Long, EntryLogRow> around = new LinkedHashMap<>();
        jdbc.sql("SELECT " + COLUMNS + " FROM entry_logs WHERE "
                        + String.join(
                                " OR ",
                                Collections.nCopies(windows.size(), "(cnic = ? AND entry_time BETWEEN ? AND ?)"))
                        + " UNION ALL SELECT " + COLUMNS + " FROM entry_logs WHERE "
                        + String.join(
                                " OR ",
                                Collections.nCopies(windows.size(), "(person_id = ? AND exit_time BETWEEN ? AND ?)")))
                .params(params)
                .query(JdbcEntryLogPushes::map)
                .list()
                .forEach(row -> around.put(row.id(), row));
        return List.copyOf(around.values());
    }

    @Override
    public boolean holds(long bioTimeId, boolean manualLog) {
        String first = manualLog ? Direction.ENTRY.manualLogColumn : Direction.ENTRY.transactionColumn;
        String second = manualLog ? Direction.EXIT.manualLogColumn : Direction.EXIT.transactionColumn;
        return jdbc.sql("SELECT COUNT(*) FROM entry_logs WHERE " + first + " = :id OR " + second + " = :id")
                        .param("id", bioTimeId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    @Override
    public List<Claim> claim(List<Claim> claims, Instant at) {
        List<Long> ids = claims.stream().map(c -> c.punch().logId()).distinct().toList();
        return tx.execute(status -> {
            Map<Long, EntryLogRow> current = load(ids, " FOR UPDATE");
            List<Claim> claimed = claims.stream()
                    .filter(c -> current.containsKey(c.punch().logId())
                            && Objects.equals(
                                    c.readStartedAt(),
                                    current.get(c.punch().logId())
                                            .side(c.punch().direction())
                                            .pushStartedAt()))
                    .toList();
            // one statement per column and shift (nearly always 0): a statement per row was a question per punch
            record Mark(Direction direction, int shift) {}
            claimed.stream()
                    .collect(Collectors.groupingBy(
                            c -> new Mark(c.punch().direction(), c.shift()),
                            Collectors.mapping(c -> c.punch().logId(), Collectors.toList())))
                    .forEach((mark, logs) -> {
                        List<Object> params = new ArrayList<>(List.of(DbTime.toDb(at), mark.shift()));
                        params.addAll(logs);
                        jdbc.sql("UPDATE entry_logs SET " + mark.direction().startedColumn + " = ?, "
                                        + mark.direction().shiftColumn + " = ? WHERE id IN (" + marks(logs.size())
                                        + ")")
                                .params(params)
                                .update();
                    });
            return claimed;
        });
    }

    @Override
    public void unmark(Collection<LogPunch> punches) {
        for (Direction direction : Direction.values()) {
            List<Long> logs = punches.stream()
                    .filter(p -> p.direction() == direction)
                    .map(LogPunch::logId)
                    .toList();
            if (!logs.isEmpty()) {
                jdbc.sql("UPDATE entry_logs SET " + direction.startedColumn + " = NULL WHERE id IN ("
                                + marks(logs.size()) + ")")
                        .params(List.copyOf(logs))
                        .update();
            }
        }
    }

    /**
     * Transaction ids are unique per log: BioTime keeps one punch per person and second, so a second log with the
     * same punch (one person, one second, one state) would take another's id. Only that log collides, not its batch.
     * One transaction: a commit per row was a redo-log flush per punch.
     */
    @Override
    public List<Collision> writeIds(Map<LogPunch, Long> ids, boolean manualLogs) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return tx.execute(status -> {
            List<Collision> collisions = new ArrayList<>();
            for (Direction direction : Direction.values()) {
                String column = manualLogs ? direction.manualLogColumn : direction.transactionColumn;
                List<Object[]> rows = ids.entrySet().stream()
                        .filter(e -> e.getKey().direction() == direction)
                        .map(e -> new Object[] {e.getValue(), e.getKey().logId()})
                        .toList();
                if (rows.isEmpty()) {
                    continue;
                }
                try {
                    setAll(column, rows);
                } catch (DataIntegrityViolationException collision) {
                    String sql = "UPDATE entry_logs SET " + column + " = ? WHERE id = ?";
                    for (Object[] row : rows) {
                        try {
                            jdbcTemplate.update(sql, row);
                        } catch (DataIntegrityViolationException e) {
                            collisions.add(new Collision((Long) row[1], (Long) row[0], column));
                        }
                    }
                }
            }
            return collisions;
        });
    }

    /** {@code rows} of (value, id) in one statement: one row per statement was most of a batch's statements. */
    private void setAll(String column, List<Object[]> rows) {
        List<Object> params = new ArrayList<>(rows.size() * 3);
        rows.forEach(row -> params.addAll(List.of(row[1], row[0])));
        rows.forEach(row -> params.add(row[1]));
        jdbc.sql("UPDATE entry_logs SET " + column + " = CASE id" + " WHEN ? THEN ?".repeat(rows.size())
                        + " END WHERE id IN (" + marks(rows.size()) + ")")
                .params(params)
                .update();
    }

    @Override
    public void markSynced(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        List<Object> params = new ArrayList<>(ids.size() + 1);
        params.add(DbTime.now());
        params.addAll(ids);
        jdbc.sql("UPDATE entry_logs SET zkteco_sync_time = ?, zkteco_sync_error = NULL, zkteco_synced = CASE WHEN "
                        + "(entry_time IS NULL OR zkteco_transaction_id IS NOT NULL OR zkteco_manual_log_id IS NOT NULL) "
                        + "AND (exit_time IS NULL OR zkteco_exit_transaction_id IS NOT NULL "
                        + "OR zkteco_exit_manual_log_id IS NOT NULL) THEN 1 ELSE 0 END WHERE id IN ("
                        + marks(ids.size()) + ")")
                .params(params)
                .update();
    }

    @Override
    public void recordErrors(Map<Long, String> errors) {
        if (!errors.isEmpty()) {
            jdbcTemplate.batchUpdate(
                    "UPDATE entry_logs SET zkteco_sync_error = ? WHERE id = ?",
                    errors.entrySet().stream()
                            .map(e -> new Object[] {Texts.truncate(e.getValue(), 500), e.getKey()})
                            .toList());
        }
    }

    private static String marks(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    static EntryLogRow map(ResultSet rs, int n) throws SQLException {
        return new EntryLogRow(
                rs.getLong("id"),
                rs.getLong("person_id"),
                rs.getString("cnic"),
                side(rs, Direction.ENTRY),
                side(rs, Direction.EXIT),
                rs.getBoolean("zkteco_synced"));
    }

    private static EntryLogRow.Side side(ResultSet rs, Direction d) throws SQLException {
        return new EntryLogRow.Side(
                Rows.instant(rs, d.timeColumn),
                Rows.nullableLong(rs, d.transactionColumn),
                Rows.nullableLong(rs, d.manualLogColumn),
                Rows.instant(rs, d.startedColumn),
                rs.getInt(d.shiftColumn));
    }
}
