package io.gatesync.worker.attendance;

import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.JdbcTemplate;

import io.gatesync.common.entrylog.EntrySource;
import io.gatesync.common.time.DbTime;
import io.gatesync.worker.attendance.PunchPolicy.DayPunch;
import io.gatesync.worker.attendance.PunchPolicy.Decision;
import io.gatesync.worker.attendance.PunchPolicy.Rule;
import io.gatesync.worker.attendance.Timeline.Row;

/**
 * Writes an import batch's outcome in the batch's transaction, with JDBC batches: the entry logs its time lines
 * changed (guarded by what was read, so a row changed meanwhile rolls the batch back) and its {@code pulled_punches}
 * rows. Both tables in one class: they share the binder, and a batch writes them together.
 */
final class ImportWriter {

    private static final String INSERT = "INSERT INTO entry_logs (person_id, cnic, entry_time, exit_time, source, "
            + "flag, zkteco_synced, zkteco_transaction_id, zkteco_exit_transaction_id, entry_terminal_sn, "
            + "exit_terminal_sn, zkteco_sync_time, created_at, updated_at) VALUES (?, ?, ?, ?, '"
            + EntrySource.BIOTIME.name() + "', ?, 1, ?, ?, ?, ?, ?, ?, ?)";

    /** A pulled row: its whole state is the pull's. Guarded by what was read, under the person's lock. */
    private static final String UPDATE_PULLED = "UPDATE entry_logs SET entry_time = ?, zkteco_transaction_id = ?, "
            + "entry_terminal_sn = ?, exit_time = ?, zkteco_exit_transaction_id = ?, exit_terminal_sn = ?, flag = ?, "
            + "updated_at = ? "
            + "WHERE id = ? AND zkteco_transaction_id <=> ? AND zkteco_exit_transaction_id <=> ?";

    /** A pulled row whose punches the state policy decided again, so that it holds none now. */
    private static final String DELETE_PULLED = "DELETE FROM entry_logs WHERE id = ? AND source = '"
            + EntrySource.BIOTIME.name() + "' AND zkteco_transaction_id <=> ? AND zkteco_exit_transaction_id <=> ?";

    /**
     * A gate's row closed (or reopened) by a pulled check-out: only its exit is the pull's. Its entry may be getting
     * pushed meanwhile, so whether it is synced is decided by the database at the moment of the update.
     */
    private static final String UPDATE_GATE_EXIT = "UPDATE entry_logs SET exit_time = ?, "
            + "zkteco_exit_transaction_id = ?, exit_terminal_sn = ?, zkteco_synced = CASE WHEN entry_time IS NULL "
            + "OR zkteco_transaction_id IS NOT NULL OR zkteco_manual_log_id IS NOT NULL THEN 1 ELSE 0 END, "
            + "updated_at = ? "
            + "WHERE id = ? AND exit_time <=> ? AND zkteco_exit_transaction_id <=> ?";

    private static final String INSERT_PULLED = "INSERT INTO pulled_punches (transaction_id, person_id, punch_day, "
            + "punch_time, terminal_sn, punch_rule, decision, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

    /** A punch decided again: its row gets the new decision, or is written (an entry or exit kept on its entry log). */
    private static final String REDECIDE = INSERT_PULLED + " ON DUPLICATE KEY UPDATE decision = VALUES(decision)";

    private final JdbcTemplate jdbc;

    ImportWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * A batch's {@code pulled_punches} rows, collected as its decisions are applied; stored together. Entries and exits
     * of a fixed direction are not among them: their entry logs keep them ({@link BatchDecisions#onEntryLogOnly}).
     */
    static final class PulledRows implements BatchDecisions.Outcome {

        private final String storedAt = DbTime.now();
        private final List<Object[]> pulled = new ArrayList<>();
        private final List<Object[]> redecided = new ArrayList<>();

        @Override
        public void pulled(KnownPunch p, LocalDate day, Decision decision) {
            pulled.add(row(p.id(), p.personId(), day, p.time(), p.terminalSn(), p.rule(), decision));
        }

        @Override
        public void redecided(BatchDecisions.Stored st, LocalDate day, Decision decision) {
            DayPunch p = st.punch();
            redecided.add(row(p.id(), st.personId(), day, p.time(), p.terminalSn(), p.rule(), decision));
        }

        private Object[] row(
                long id, long personId, LocalDate day, Instant time, String terminalSn, Rule rule, Decision decision) {
            return new Object[] {
                id, personId, day.toString(), DbTime.toDb(time), terminalSn, rule.name(), decision.name(), storedAt
            };
        }
    }

    /**
     * Writes the lines' changes, then the pulled punches. Entry logs: deletes, then updates, then inserts: a punch
     * moves only from a row it leaves empty (deleted) or from a stored row to a new one, so the row it leaves must let
     * go of its transaction id (unique) before another row takes it.
     */
    void write(Collection<Timeline> lines, PulledRows rows) {
        String now = DbTime.now();
        List<Row> pulled = new ArrayList<>();
        List<Row> gates = new ArrayList<>();
        List<Object[]> inserts = new ArrayList<>();
        for (Timeline line : lines) {
            for (Row row : line.changed()) {
                (row.bioTime ? pulled : gates).add(row);
            }
            for (Row row : line.created()) {
                inserts.add(new Object[] {
                    line.personId,
                    line.cnic,
                    time(row.entry),
                    time(row.exit),
                    row.flag(),
                    id(row.entry),
                    id(row.exit),
                    terminal(row.entry),
                    terminal(row.exit),
                    now,
                    now,
                    now
                });
            }
        }
        List<Row> emptied = new ArrayList<>();
        lines.forEach(line -> emptied.addAll(line.emptied()));
        if (!emptied.isEmpty()) {
            // first: a punch taken off an emptied row may now be on another row, and its id is unique
            checkUpdated(
                    emptied,
                    batch(
                            DELETE_PULLED,
                            emptied.stream()
                                    .map(r -> new Object[] {r.id, r.storedTransactionId, r.storedExitTransactionId})
                                    .toList()));
        }
        if (!pulled.isEmpty()) {
            checkUpdated(
                    pulled,
                    batch(
                            UPDATE_PULLED,
                            pulled.stream()
                                    .map(r -> new Object[] {
                                        time(r.entry),
                                        id(r.entry),
                                        terminal(r.entry),
                                        time(r.exit),
                                        id(r.exit),
                                        terminal(r.exit),
                                        r.flag(),
                                        now,
                                        r.id,
                                        r.storedTransactionId,
                                        r.storedExitTransactionId
                                    })
                                    .toList()));
        }
        if (!gates.isEmpty()) {
            checkUpdated(
                    gates,
                    batch(
                            UPDATE_GATE_EXIT,
                            gates.stream()
                                    .map(r -> new Object[] {
                                        time(r.exit),
                                        id(r.exit),
                                        terminal(r.exit),
                                        now,
                                        r.id,
                                        DbTime.toDb(r.storedExitTime),
                                        r.storedExitTransactionId
                                    })
                                    .toList()));
        }
        if (!inserts.isEmpty()) {
            batch(INSERT, inserts);
        }
        if (!rows.pulled.isEmpty()) {
            batch(INSERT_PULLED, rows.pulled);
        }
        if (!rows.redecided.isEmpty()) {
            batch(REDECIDE, rows.redecided);
        }
    }

    /**
     * One JDBC batch (one round trip: the driver rewrites it), binding NULLs with their type. Values are texts and
     * numbers only, bound with their own setters: setObject looks each value's type up, which was most of the
     * driver's time in a pull's writes.
     */
    private int[][] batch(String statement, List<Object[]> rows) {
        return jdbc.batchUpdate(statement, rows, rows.size(), (ps, values) -> {
            for (int i = 0; i < values.length; i++) {
                Object value = values[i];
                if (value == null) {
                    ps.setNull(i + 1, Types.NULL);
                } else if (value instanceof String text) {
                    ps.setString(i + 1, text);
                } else if (value instanceof Long number) {
                    ps.setLong(i + 1, number);
                } else {
                    ps.setObject(i + 1, value);
                }
            }
        });
    }

    /**
     * A guarded update that matched nothing: the row changed since it was read, so the batch is rolled back and
     * retried. (A driver that reports SUCCESS_NO_INFO, -2, gives no count to check.)
     */
    private static void checkUpdated(List<Row> rows, int[][] counts) {
        int i = 0;
        for (int[] chunk : counts) {
            for (int count : chunk) {
                if (count == 0) {
                    throw new ConcurrencyFailureException("Entry log " + rows.get(i).id + " changed while importing");
                }
                i++;
            }
        }
    }

    private static String time(Timeline.Event event) {
        return event == null ? null : DbTime.toDb(event.time);
    }

    private static Long id(Timeline.Event event) {
        return event == null ? null : event.transactionId;
    }

    private static String terminal(Timeline.Event event) {
        return event == null ? null : event.terminalSn;
    }
}
