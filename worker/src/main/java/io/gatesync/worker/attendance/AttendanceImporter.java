package io.gatesync.worker.attendance;

import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.gatesync.common.text.Texts;
import io.gatesync.common.db.Rows;
import io.gatesync.common.messaging.CommandKind;
import io.gatesync.common.person.Cnic;
import io.gatesync.common.time.DbTime;
import io.gatesync.worker.attendance.Timeline.Kind;
import io.gatesync.worker.attendance.Timeline.Row;
import io.gatesync.worker.biotime.BioTimeClock;
import io.gatesync.worker.biotime.Transaction;
import io.gatesync.worker.sync.SyncLog;

/**
 * Imports BioTime punches into entry logs, idempotently, whatever order they come in and however many workers
 * import overlapping windows at once.
 * <ul>
 * <li>The person is found by CNIC (emp_code). An emp_code that is no CNIC, or that nobody registered, is written to
 * {@code zkteco_sync_logs} (SKIPPED, target the emp_code, with the punch) once, and counted; register the person and
 * pull that time again to import it.</li>
 * <li>Punches with GateSync's own terminal serial number (ZKTECO_TERMINAL_SN) are the gate events GateSync pushed:
 * they change nothing. So does a punch whose id an entry log already holds, and a punch matching a gate punch
 * GateSync is pushing right now (channels like manual-log keep no serial number).</li>
 * <li>Check-ins and check-outs are paired on the person's time line ({@link Timeline}).</li>
 * </ul>
 * Punches go in batches, one transaction each, that first lock the batch's people ({@code FOR UPDATE}, in id
 * order, as gate ingest does), so importers of overlapping windows and gate events of the same person take turns;
 * inside, a punch whose id is already stored is a duplicate, and the unique keys on the transaction ids are the
 * last guard (a collision, e.g. with a worker recording the id of a punch it pushed, rolls the batch back and it is
 * tried again). Rows are written with JDBC batches.
 */
public class AttendanceImporter {

    static final String SOURCE = "BIOTIME";
    static final String EXIT_WITHOUT_ENTRY = "EXIT_WITHOUT_ENTRY";
    static final String LOG_KIND = CommandKind.ATTENDANCE_PULL.name();

    private static final Logger log = LoggerFactory.getLogger(AttendanceImporter.class);

    /**
     * Punches per transaction, at most: bounds how long a batch keeps its people locked. A batch holds whole people
     * (a page is cut by person, not by time), so imports of overlapping windows, which lock the same people, run
     * their batches side by side on different people instead of queueing for all of them.
     */
    static final int BATCH_SIZE = 1000;
    /** People per neighbourhood query. */
    private static final int PEOPLE_PER_QUERY = 500;
    private static final int ATTEMPTS = 6;

    private static final String COLUMNS = "id, person_id, source, entry_time, exit_time, zkteco_transaction_id, "
            + "zkteco_exit_transaction_id, entry_push_started_at, exit_push_started_at, entry_punch_shift, "
            + "exit_punch_shift";

    /**
     * The latest entry/exit before, and the earliest after, a time: per person, by loose index scans, in one round
     * trip. {@code who} is the CNIC for entries and the person id (as text) for exits.
     */
    private static final String POINTS = "SELECT 'IN' AS k, cnic AS who, MAX(entry_time) AS at FROM entry_logs "
            + "WHERE cnic IN (:cnics) AND entry_time < :lo GROUP BY cnic "
            + "UNION ALL SELECT 'IN', cnic, MIN(entry_time) FROM entry_logs "
            + "WHERE cnic IN (:cnics) AND entry_time > :hi GROUP BY cnic "
            + "UNION ALL SELECT 'OUT', person_id, MAX(exit_time) FROM entry_logs "
            + "WHERE person_id IN (:ids) AND exit_time < :lo GROUP BY person_id "
            + "UNION ALL SELECT 'OUT', person_id, MIN(exit_time) FROM entry_logs "
            + "WHERE person_id IN (:ids) AND exit_time > :hi GROUP BY person_id";

    /** Entry logs with an entry or exit in the span, and those holding the entries and exits found above. */
    private static final String IN_SPAN = "SELECT " + COLUMNS + " FROM entry_logs WHERE cnic IN (:cnics) "
            + "AND entry_time BETWEEN :lo AND :hi UNION ALL SELECT " + COLUMNS + " FROM entry_logs "
            + "WHERE person_id IN (:ids) AND exit_time BETWEEN :lo AND :hi";
    private static final String AT_ENTRIES = "SELECT " + COLUMNS + " FROM entry_logs "
            + "WHERE (cnic, entry_time) IN (:entries)";
    private static final String AT_EXITS = "SELECT " + COLUMNS + " FROM entry_logs "
            + "WHERE (person_id, exit_time) IN (:exits)";

    private static final String INSERT = "INSERT INTO entry_logs (person_id, cnic, entry_time, exit_time, source, "
            + "flag, zkteco_synced, zkteco_transaction_id, zkteco_exit_transaction_id, zkteco_sync_time, created_at, "
            + "updated_at) VALUES (?, ?, ?, ?, '" + SOURCE + "', ?, 1, ?, ?, ?, ?, ?)";

    /** A pulled row: its whole state is the pull's. Guarded by what was read, under the person's lock. */
    private static final String UPDATE_PULLED = "UPDATE entry_logs SET entry_time = ?, zkteco_transaction_id = ?, "
            + "exit_time = ?, zkteco_exit_transaction_id = ?, flag = ?, updated_at = ? "
            + "WHERE id = ? AND zkteco_transaction_id <=> ? AND zkteco_exit_transaction_id <=> ?";

    /**
     * A gate's row closed (or reopened) by a pulled check-out: only its exit is the pull's. Its entry may be getting
     * pushed meanwhile, so whether it is synced is decided by the database at the moment of the update.
     */
    private static final String UPDATE_GATE_EXIT = "UPDATE entry_logs SET exit_time = ?, "
            + "zkteco_exit_transaction_id = ?, zkteco_synced = CASE WHEN entry_time IS NULL "
            + "OR zkteco_transaction_id IS NOT NULL OR zkteco_manual_log_id IS NOT NULL THEN 1 ELSE 0 END, "
            + "updated_at = ? "
            + "WHERE id = ? AND exit_time <=> ? AND zkteco_exit_transaction_id <=> ?";

    private final JdbcTemplate jdbc;
    private final JdbcClient sql;
    private final TransactionTemplate tx;
    private final BioTimeClock clock;
    private final SyncLog syncLog;
    private final String ownTerminalSn;
    private final OtherStates otherStates;

    public AttendanceImporter(JdbcTemplate jdbc, PlatformTransactionManager transactions, BioTimeClock clock,
            SyncLog syncLog, String ownTerminalSn, OtherStates otherStates) {
        this.jdbc = jdbc;
        this.sql = JdbcClient.create(jdbc);
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.syncLog = syncLog;
        this.ownTerminalSn = ownTerminalSn;
        this.otherStates = otherStates;
    }

    /** A punch ready to import: known person, entry or exit, UTC time. */
    record Punch(long id, Kind kind, Instant time, long personId, String cnic) {
    }

    private record Readable(Transaction source, Kind kind, Instant time, String cnic) {
    }

    /** A punch left out, for the sync log. */
    private record Note(String target, long punchId, String message, boolean unknownPerson) {
    }

    private record BatchResult(int imported, int duplicates) {
    }

    /** Imports one page of punches; {@code commandId} marks the sync log rows it writes (may be null). */
    public ImportCounts importPunches(List<Transaction> punches, String commandId) {
        return importPunches(punches, commandId, imported -> {
        });
    }

    /**
     * The same, calling {@code counted} with each batch's number of imported punches inside the batch's
     * transaction, so a count kept there (a chunk's progress) matches what was committed, whatever fails later.
     */
    public ImportCounts importPunches(List<Transaction> punches, String commandId, IntConsumer counted) {
        Map<Long, Transaction> unique = new LinkedHashMap<>();
        punches.forEach(t -> unique.putIfAbsent(t.id(), t));
        List<Note> notes = new ArrayList<>();
        List<Readable> readable = new ArrayList<>();
        int own = 0;
        for (Transaction t : unique.values()) {
            if (ownTerminalSn.equals(t.terminalSn())) {
                own++; // a gate event GateSync pushed, coming back
                continue;
            }
            Integer state = state(t.punchState());
            Optional<Kind> kind = state == null ? Optional.empty() : otherStates.kindOf(state);
            if (kind.isEmpty()) {
                notes.add(note(t, state == null || state > 5 || state < 0
                        ? "unknown punch_state \"" + t.punchState() + "\"; not imported"
                        : "not imported: GATESYNC_PULL_OTHER_STATES=" + otherStates.setting(), false));
                continue;
            }
            Instant time;
            try {
                time = clock.parse(t.punchTime());
            } catch (RuntimeException e) {
                notes.add(note(t, "unreadable punch_time; not imported", false));
                continue;
            }
            if (!Cnic.isValid(t.empCode())) {
                notes.add(note(t, "emp_code is not a CNIC, so no person can be found for it; not imported", true));
                continue;
            }
            readable.add(new Readable(t, kind.get(), time, Cnic.parse(t.empCode()).value()));
        }
        Map<String, Long> people = personIds(readable.stream().map(Readable::cnic).distinct().toList());
        List<Punch> known = new ArrayList<>();
        for (Readable r : readable) {
            Long personId = people.get(r.cnic());
            if (personId == null) {
                notes.add(note(r.source(), "no person with CNIC " + r.cnic() + "; register them, then pull this "
                        + "time again", true));
            } else {
                known.add(new Punch(r.source().id(), r.kind(), r.time(), personId, r.cnic()));
            }
        }
        int imported = 0;
        int duplicates = own;
        for (List<Punch> batch : byPeople(known)) {
            BatchResult result = importBatch(batch, counted);
            imported += result.imported();
            duplicates += result.duplicates();
        }
        writeNotes(notes, commandId);
        int unknown = (int) notes.stream().filter(Note::unknownPerson).count();
        return new ImportCounts(unique.size(), imported, duplicates, unknown, notes.size() - unknown);
    }

    /**
     * The punches in batches of whole people (a person with more than a batch's worth is split), each person's in
     * BioTime order. The batches start at a place that differs from page to page, so imports of overlapping windows
     * starting together do not all queue for the same first people.
     */
    static List<List<Punch>> byPeople(List<Punch> punches) {
        Map<Long, List<Punch>> byPerson = new TreeMap<>();
        long lowestId = Long.MAX_VALUE;
        for (Punch p : punches) {
            byPerson.computeIfAbsent(p.personId(), k -> new ArrayList<>()).add(p);
            lowestId = Math.min(lowestId, p.id());
        }
        List<List<Punch>> batches = new ArrayList<>();
        List<Punch> batch = new ArrayList<>();
        for (List<Punch> person : byPerson.values()) {
            person.sort(Comparator.comparing(Punch::time).thenComparingLong(Punch::id));
            if (!batch.isEmpty() && batch.size() + person.size() > BATCH_SIZE) {
                batches.add(batch);
                batch = new ArrayList<>();
            }
            for (Punch p : person) {
                if (batch.size() == BATCH_SIZE) {
                    batches.add(batch);
                    batch = new ArrayList<>();
                }
                batch.add(p);
            }
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        if (batches.size() > 1) {
            Collections.rotate(batches, (int) Math.floorMod(lowestId, (long) batches.size()));
        }
        return batches;
    }

    private BatchResult importBatch(List<Punch> batch, IntConsumer counted) {
        for (int attempt = 1;; attempt++) {
            try {
                return tx.execute(status -> {
                    BatchResult result = importLocked(batch);
                    if (result.imported() > 0) {
                        counted.accept(result.imported());
                    }
                    return result;
                });
            } catch (DuplicateKeyException | ConcurrencyFailureException e) {
                if (attempt >= ATTEMPTS) {
                    throw new ConcurrencyFailureException("Attendance import kept colliding with other writers ("
                            + attempt + " attempts): " + e.getMessage(), e);
                }
                log.debug("Attendance batch collided ({}); trying again", e.getMessage());
                pause(attempt);
            }
        }
    }

    private BatchResult importLocked(List<Punch> batch) {
        List<Long> personIds = batch.stream().map(Punch::personId).distinct().sorted().toList();
        // First statement of the transaction: the snapshot the reads below see starts after the locks are held.
        sql.sql("SELECT id FROM people WHERE id IN (:ids) ORDER BY id FOR UPDATE").param("ids", personIds)
                .query(Long.class).list();
        Set<Long> present = storedTransactions(batch.stream().map(Punch::id).toList());
        Map<Long, List<Punch>> fresh = new TreeMap<>();
        for (Punch p : batch) {
            if (!present.contains(p.id())) {
                fresh.computeIfAbsent(p.personId(), k -> new ArrayList<>()).add(p);
            }
        }
        int duplicates = batch.size() - fresh.values().stream().mapToInt(List::size).sum();
        if (fresh.isEmpty()) {
            return new BatchResult(0, duplicates);
        }
        Map<Long, Timeline> lines = timelines(fresh);
        int imported = 0;
        for (Map.Entry<Long, List<Punch>> person : fresh.entrySet()) {
            Timeline line = lines.get(person.getKey());
            for (Punch p : person.getValue()) {
                if (line.claimPushInFlight(p.kind(), p.time())) {
                    duplicates++;
                } else {
                    line.apply(p.kind(), p.time(), p.id());
                    imported++;
                }
            }
        }
        write(lines.values());
        return new BatchResult(imported, duplicates);
    }

    /** Which of these BioTime ids an entry log already holds, as its entry or its exit. */
    private Set<Long> storedTransactions(List<Long> ids) {
        return new HashSet<>(sql.sql("SELECT zkteco_transaction_id FROM entry_logs WHERE zkteco_transaction_id "
                + "IN (:ids) UNION ALL SELECT zkteco_exit_transaction_id FROM entry_logs "
                + "WHERE zkteco_exit_transaction_id IN (:ids)").param("ids", ids).query(Long.class).list());
    }

    /**
     * Each person's time line around the batch's time span [lo, hi]: every entry log with an entry or exit inside
     * it, and the ones holding the person's last entry and exit before it and first after it (with their ties). That
     * is all a punch inside the span needs to find its neighbours. Entries are found through (cnic, entry_time),
     * exits through (person_id, exit_time, …): index range reads only, however long a person's history.
     */
    private Map<Long, Timeline> timelines(Map<Long, List<Punch>> byPerson) {
        Map<Long, Timeline> lines = new HashMap<>();
        Instant first = null;
        Instant last = null;
        for (Map.Entry<Long, List<Punch>> e : byPerson.entrySet()) {
            List<Punch> punches = e.getValue();
            lines.put(e.getKey(), new Timeline(e.getKey(), punches.get(0).cnic()));
            first = min(first, punches.get(0).time());
            last = max(last, punches.get(punches.size() - 1).time());
        }
        String lo = DbTime.toDb(first);
        String hi = DbTime.toDb(last);
        List<Long> personIds = new ArrayList<>(byPerson.keySet());
        for (int from = 0; from < personIds.size(); from += PEOPLE_PER_QUERY) {
            List<Long> ids = personIds.subList(from, Math.min(personIds.size(), from + PEOPLE_PER_QUERY));
            List<String> cnics = ids.stream().map(id -> lines.get(id).cnic).toList();
            Map<String, Object> params = new HashMap<>(Map.of("cnics", cnics, "ids", ids, "lo", lo, "hi", hi));
            StringBuilder query = new StringBuilder(IN_SPAN);
            List<Object[]> entries = new ArrayList<>();
            List<Object[]> exits = new ArrayList<>();
            sql.sql(POINTS).params(params).query((ResultSet rs) -> {
                String at = DbTime.toDb(Rows.instant(rs, "at"));
                if ("IN".equals(rs.getString("k"))) {
                    entries.add(new Object[] { rs.getString("who"), at });
                } else {
                    exits.add(new Object[] { Long.parseLong(rs.getString("who")), at });
                }
            });
            if (!entries.isEmpty()) {
                query.append(" UNION ALL ").append(AT_ENTRIES);
                params.put("entries", entries);
            }
            if (!exits.isEmpty()) {
                query.append(" UNION ALL ").append(AT_EXITS);
                params.put("exits", exits);
            }
            sql.sql(query.toString()).params(params).query((ResultSet rs) -> {
                lines.get(rs.getLong("person_id")).load(new Timeline.StoredRow(rs.getLong("id"),
                        rs.getString("source"), Rows.instant(rs, "entry_time"), Rows.instant(rs, "exit_time"),
                        Rows.nullableLong(rs, "zkteco_transaction_id"),
                        Rows.nullableLong(rs, "zkteco_exit_transaction_id"),
                        Rows.instant(rs, "entry_push_started_at"), Rows.instant(rs, "exit_push_started_at"),
                        rs.getInt("entry_punch_shift"), rs.getInt("exit_punch_shift")));
            });
        }
        return lines;
    }

    private static Instant min(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    /**
     * Updates first, then inserts: a check-out only ever moves from a stored row to a new one, so the stored row must
     * let go of its transaction id (unique) before the new row takes it.
     */
    private void write(Collection<Timeline> lines) {
        String now = DbTime.now();
        List<Row> pulled = new ArrayList<>();
        List<Row> gates = new ArrayList<>();
        List<Object[]> inserts = new ArrayList<>();
        for (Timeline line : lines) {
            for (Row row : line.changed()) {
                (row.bioTime ? pulled : gates).add(row);
            }
            for (Row row : line.created()) {
                inserts.add(new Object[] { line.personId, line.cnic, time(row.entry), time(row.exit), row.flag(),
                        id(row.entry), id(row.exit), now, now, now });
            }
        }
        if (!pulled.isEmpty()) {
            checkUpdated(pulled, batch(UPDATE_PULLED, pulled.stream().map(r -> new Object[] { time(r.entry),
                    id(r.entry), time(r.exit), id(r.exit), r.flag(), now, r.id, r.storedTransactionId,
                    r.storedExitTransactionId }).toList()));
        }
        if (!gates.isEmpty()) {
            checkUpdated(gates, batch(UPDATE_GATE_EXIT, gates.stream().map(r -> new Object[] { time(r.exit),
                    id(r.exit), now, r.id, DbTime.toDb(r.storedExitTime), r.storedExitTransactionId }).toList()));
        }
        if (!inserts.isEmpty()) {
            batch(INSERT, inserts);
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

    private Map<String, Long> personIds(List<String> cnics) {
        Map<String, Long> ids = new HashMap<>();
        for (int i = 0; i < cnics.size(); i += 1000) {
            sql.sql("SELECT id, cnic FROM people WHERE cnic IN (:cnics)")
                    .param("cnics", cnics.subList(i, Math.min(cnics.size(), i + 1000)))
                    .query((ResultSet rs) -> {
                        ids.put(rs.getString("cnic"), rs.getLong("id"));
                    });
        }
        return ids;
    }

    /**
     * Writes a SKIPPED sync log row per punch left out, unless one was written before (a window pulled again, or
     * the overlap of the next periodic window), so the log names each such punch once.
     */
    private void writeNotes(List<Note> notes, String commandId) {
        if (notes.isEmpty()) {
            return;
        }
        Set<String> logged = new HashSet<>();
        List<String> targets = notes.stream().map(Note::target).distinct().toList();
        for (int i = 0; i < targets.size(); i += 1000) {
            sql.sql("SELECT target, message FROM zkteco_sync_logs WHERE kind = :kind AND outcome = 'SKIPPED' "
                    + "AND target IN (:targets) AND message LIKE 'Punch %'").param("kind", LOG_KIND)
                    .param("targets", targets.subList(i, Math.min(targets.size(), i + 1000)))
                    .query((ResultSet rs) -> {
                        String message = rs.getString("message");
                        int end = message.indexOf(' ', 6);
                        logged.add(rs.getString("target") + "|" + (end < 0 ? message : message.substring(6, end)));
                    });
        }
        for (Note note : notes.stream().sorted(Comparator.comparingLong(Note::punchId)).toList()) {
            if (logged.add(note.target() + "|" + note.punchId())) {
                syncLog.write(LOG_KIND, note.target(), SyncLog.Outcome.SKIPPED, note.message(), 1, 0, commandId);
            }
        }
    }

    private static Note note(Transaction t, String why, boolean unknownPerson) {
        String target = t.empCode() == null || t.empCode().isBlank() ? "(no emp_code)"
                : Texts.truncate(t.empCode(), 64);
        Integer state = state(t.punchState());
        String stateName = state != null && state >= 0 && state < OtherStates.NAMES.size()
                ? " " + OtherStates.NAMES.get(state) : "";
        return new Note(target, t.id(), "Punch " + t.id() + " at " + t.punchTime() + " (state " + t.punchState()
                + stateName + ", emp_code " + t.empCode() + ", terminal " + t.terminalSn() + "): " + why,
                unknownPerson);
    }

    private static Integer state(String text) {
        try {
            return text == null ? null : Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String time(Timeline.Event event) {
        return event == null ? null : DbTime.toDb(event.time);
    }

    private static Long id(Timeline.Event event) {
        return event == null ? null : event.transactionId;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(5, 20L * attempt + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConcurrencyFailureException("Interrupted while retrying an attendance batch", e);
        }
    }
}
