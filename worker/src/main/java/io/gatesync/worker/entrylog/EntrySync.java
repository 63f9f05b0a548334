package io.gatesync.worker.entrylog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.gatesync.common.db.Rows;
import io.gatesync.common.text.Texts;
import io.gatesync.common.time.DbTime;
import io.gatesync.worker.biotime.BioTimeClient;
import io.gatesync.worker.biotime.BioTimeException;
import io.gatesync.worker.biotime.Punch;
import io.gatesync.worker.biotime.PunchChannel;
import io.gatesync.worker.people.PersonSync;
import io.gatesync.worker.sync.CommandRunner.Outcome;
import io.gatesync.worker.sync.LockBusyException;
import io.gatesync.worker.sync.NotYetException;
import io.gatesync.worker.sync.RecordLocks;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sends entry logs' punches to BioTime: the check-in for an entry, the check-out for an exit, each once.
 * One worker at a time per entry log (a named lock); before each push the row records when a push started, so a
 * worker that finds the mark without a transaction id asks BioTime first instead of sending a second punch. The
 * lock can outlive its holder's reach (the database dropped the lock's connection while the push was in flight),
 * so a punch BioTime does not show yet is sent again only once that earlier push must have ended.
 * Many entry logs are synced together (the adms channel carries all their punches in one upload): their rows are
 * read, marked and updated with one statement each, and each log gets its own outcome.
 */
@Service
public class EntrySync {

    private static final int LOCK_WAIT_SECONDS = 30;
    /** Beyond the longest call: time a push may wait for its budget slot after its mark, and clocks apart. */
    private static final Duration MARK_MARGIN = Duration.ofSeconds(5);

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final TransactionTemplate tx;
    private final PunchChannel punches;
    private final PersonSync personSync;
    private final RecordLocks locks;
    private final MeterRegistry metrics;
    private final Duration pushEndsWithin;

    public EntrySync(JdbcClient jdbc, JdbcTemplate jdbcTemplate, TransactionTemplate tx, PunchChannel punches,
            PersonSync personSync, RecordLocks locks, BioTimeClient client, MeterRegistry metrics) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.tx = tx;
        this.punches = punches;
        this.personSync = personSync;
        this.locks = locks;
        this.metrics = metrics;
        this.pushEndsWithin = client.longestCall().plus(MARK_MARGIN);
    }

    /** How long after its mark a push has surely ended: only then is a punch BioTime lacks sent again. */
    public Duration pushEndsWithin() {
        return pushEndsWithin;
    }

    /** Syncs the entry log; returns what was done, for the sync log. */
    public String sync(long entryLogId) {
        Outcome outcome = syncAll(List.of(entryLogId)).get(entryLogId);
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        return outcome.result();
    }

    /**
     * Syncs these entry logs; returns each one's outcome. Logs another worker is syncing right now are done after
     * the rest, one by one, waiting for their lock as a single sync does.
     */
    public Map<Long, Outcome> syncAll(Collection<Long> entryLogIds) {
        Set<Long> ids = new TreeSet<>(entryLogIds);
        boolean single = ids.size() == 1;
        Map<String, Long> byLock = ids.stream().collect(Collectors.toMap(EntrySync::lockName, id -> id));
        Map<Long, Outcome> out = new HashMap<>(locks.withLocks(byLock.keySet(), single ? LOCK_WAIT_SECONDS : 0,
                acquired -> syncLocked(acquired.stream().map(byLock::get).sorted().toList())));
        for (long id : ids) {
            if (!out.containsKey(id)) {
                out.put(id, single ? Outcome.failed(new LockBusyException(lockName(id)
                        + " is being synced by another worker")) : syncAll(List.of(id)).get(id));
            }
        }
        return out;
    }

    private static String lockName(long entryLogId) {
        return "gatesync-entry-log-" + entryLogId;
    }

    /** A punch a log still needs in BioTime, the columns that record its push, and when one started (or null). */
    private record Pending(long logId, Punch punch, String startedColumn, String idColumn, Instant startedAt) {

        boolean started() {
            return startedAt != null;
        }
    }

    private Map<Long, Outcome> syncLocked(List<Long> ids) {
        Map<Long, Outcome> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        Map<Long, EntryLogRow> rows = load(ids, "");
        Map<String, Long> employees = personSync.linkedEmployees(
                rows.values().stream().map(EntryLogRow::cnic).collect(Collectors.toSet()));
        Map<Long, List<String>> done = new LinkedHashMap<>();
        List<Pending> pending = new ArrayList<>();
        for (long id : ids) {
            EntryLogRow row = rows.get(id);
            if (row == null) {
                out.put(id, Outcome.failed(BioTimeException.permanent("No entry log " + id + " in the database", 0,
                        null)));
            } else if (row.synced()) {
                out.put(id, Outcome.done("already synced"));
            } else {
                try {
                    // A punch for someone BioTime does not know yet would not count: sync the person first.
                    long employeeId = employees.computeIfAbsent(row.cnic(), personSync::sync);
                    pending.addAll(needed(row, employeeId));
                    done.put(id, new ArrayList<>());
                } catch (RuntimeException e) {
                    out.put(id, Outcome.failed(e));
                }
            }
        }
        push(pending, done, out);
        List<Long> succeeded = done.keySet().stream().filter(id -> !out.containsKey(id)).toList();
        // Synced only if every punch the row has now is in BioTime (an exit may have arrived meanwhile).
        if (!succeeded.isEmpty()) {
            jdbc.sql("UPDATE entry_logs SET zkteco_sync_time = ?, zkteco_sync_error = NULL, zkteco_synced = CASE WHEN "
                    + "(entry_time IS NULL OR zkteco_transaction_id IS NOT NULL) AND "
                    + "(exit_time IS NULL OR zkteco_exit_transaction_id IS NOT NULL) THEN 1 ELSE 0 END WHERE id IN ("
                    + marks(succeeded.size()) + ")").params(params(DbTime.now(), succeeded)).update();
        }
        for (long id : succeeded) {
            List<String> steps = done.get(id);
            out.put(id, Outcome.done(steps.isEmpty() ? "nothing to send" : String.join(", ", steps)));
        }
        batch("UPDATE entry_logs SET zkteco_sync_error = ? WHERE id = ?", out.entrySet().stream()
                .filter(e -> e.getValue().failure() != null && rows.containsKey(e.getKey()))
                .map(e -> new Object[] {Texts.truncate(e.getValue().failure().getMessage(), 500), e.getKey()})
                .toList());
        return out;
    }

    private static List<Pending> needed(EntryLogRow row, long employeeId) {
        List<Pending> needed = new ArrayList<>(2);
        if (row.entryTime() != null && row.transactionId() == null) {
            needed.add(new Pending(row.id(), new Punch(row.cnic(), employeeId, row.entryTime(), Punch.CHECK_IN),
                    "entry_push_started_at", "zkteco_transaction_id", row.entryPushStartedAt()));
        }
        if (row.exitTime() != null && row.exitTransactionId() == null) {
            needed.add(new Pending(row.id(), new Punch(row.cnic(), employeeId, row.exitTime(), Punch.CHECK_OUT),
                    "exit_push_started_at", "zkteco_exit_transaction_id", row.exitPushStartedAt()));
        }
        return needed;
    }

    /**
     * Each punch once: one whose push started before (its worker died or timed out) is looked up first, and sent
     * again only if BioTime lacks it and that push has surely ended; the rest are marked as started, sent together,
     * and their transaction ids recorded. A failure fails the logs it touched.
     */
    private void push(List<Pending> pending, Map<Long, List<String>> done, Map<Long, Outcome> out) {
        Map<Pending, Long> recorded = new LinkedHashMap<>();
        try {
            send(pending, recorded, out);
        } finally {
            writeIds(recorded, out); // what BioTime has, recorded even if other punches of the batch failed
        }
        recorded.forEach((p, transactionId) -> done.get(p.logId())
                .add((p.punch().state() == Punch.CHECK_IN ? "check-in " : "check-out ") + transactionId));
    }

    private void send(List<Pending> pending, Map<Pending, Long> recorded, Map<Long, Outcome> out) {
        List<Pending> toSend = new ArrayList<>();
        List<Pending> started = pending.stream().filter(Pending::started).toList();
        List<Optional<Long>> known;
        try {
            known = started.isEmpty() ? List.of() : punches.findAll(started.stream().map(Pending::punch).toList());
        } catch (RuntimeException e) {
            started.forEach(p -> out.putIfAbsent(p.logId(), Outcome.failed(e)));
            known = List.of();
        }
        Instant now = Instant.now();
        for (int i = 0; i < known.size(); i++) {
            Pending p = started.get(i);
            Duration inFlight = Duration.between(now, p.startedAt().plus(pushEndsWithin));
            if (known.get(i).isPresent()) {
                recorded.put(p, known.get(i).get()); // an earlier push got through unrecorded
            } else if (inFlight.compareTo(Duration.ZERO) > 0) {
                out.putIfAbsent(p.logId(), Outcome.failed(new NotYetException("A push of this punch started at "
                        + p.startedAt() + " and may still reach BioTime; looking again in "
                        + inFlight.toSeconds() + " s", inFlight)));
            } else {
                toSend.add(p);
            }
        }
        pending.stream().filter(p -> !p.started()).forEach(toSend::add);
        toSend.removeIf(p -> out.containsKey(p.logId()));
        if (!toSend.isEmpty()) {
            List<Pending> claimed = claim(toSend, DbTime.now());
            toSend.stream().filter(p -> !claimed.contains(p)).forEach(p -> out.putIfAbsent(p.logId(), Outcome.failed(
                    new LockBusyException("Another worker started pushing this punch meanwhile (this worker's lock "
                            + "went with a dropped database connection)"))));
            toSend = claimed; // pushed even if the log's other punch was not: marked and unsent, it would be waited for
        }
        if (toSend.isEmpty()) {
            return;
        }
        List<Long> transactionIds;
        try {
            transactionIds = punches.pushAll(toSend.stream().map(Pending::punch).toList());
        } catch (RuntimeException e) {
            BioTimeException bioTime = Texts.causeOf(e, BioTimeException.class);
            if (bioTime != null && bioTime.refusedUntouched()) {
                markStarted(toSend, null); // nothing in flight, nothing stored: the next try need not wait or ask
            }
            toSend.forEach(p -> out.putIfAbsent(p.logId(), Outcome.failed(e)));
            return;
        }
        for (int i = 0; i < toSend.size(); i++) {
            Pending p = toSend.get(i);
            recorded.put(p, transactionIds.get(i));
            metrics.counter("gatesync.punches.pushed", "direction",
                    p.punch().state() == Punch.CHECK_IN ? "entry" : "exit").increment();
        }
    }

    /**
     * Marks these punches' pushes as started and answers those it marked: each only if its mark is still what this
     * worker read. The named lock alone cannot promise that: when the database drops the lock's connection, another
     * worker can take the lock while this one is between reading the row and pushing, and both would send (seen in
     * RestartsTest: a person's two punches twice). Row locks make the check and the mark one step, so of two such
     * workers only one pushes; the other fails this try, and its retry finds the mark and waits for that push.
     */
    private List<Pending> claim(List<Pending> pushes, String startedAt) {
        List<Long> ids = pushes.stream().map(Pending::logId).distinct().toList();
        return tx.execute(status -> {
            Map<Long, EntryLogRow> current = load(ids, " FOR UPDATE");
            List<Pending> claimed = pushes.stream().filter(p -> current.containsKey(p.logId())
                    && Objects.equals(p.startedAt(), p.startedColumn().equals("entry_push_started_at")
                            ? current.get(p.logId()).entryPushStartedAt()
                            : current.get(p.logId()).exitPushStartedAt())).toList();
            markStarted(claimed, startedAt);
            return claimed;
        });
    }

    /** Records when these punches' push started (null: no push of theirs is started or under way). */
    private void markStarted(List<Pending> pushes, String startedAt) {
        for (String column : List.of("entry_push_started_at", "exit_push_started_at")) {
            List<Long> logs = pushes.stream().filter(p -> p.startedColumn().equals(column)).map(Pending::logId)
                    .toList();
            if (!logs.isEmpty()) {
                jdbc.sql("UPDATE entry_logs SET " + column + " = ? WHERE id IN (" + marks(logs.size()) + ")")
                        .params(params(startedAt, logs)).update();
            }
        }
    }

    /**
     * Transaction ids are unique per log: BioTime keeps two identical punches (one person, one second, one state)
     * as one, so a second log with such a punch would take another's id. Only that log fails, not its batch.
     * One transaction: a commit per row was a redo-log flush per punch.
     */
    private void writeIds(Map<Pending, Long> recorded, Map<Long, Outcome> out) {
        if (!recorded.isEmpty()) {
            tx.executeWithoutResult(status -> writeIdsInTransaction(recorded, out));
        }
    }

    private void writeIdsInTransaction(Map<Pending, Long> recorded, Map<Long, Outcome> out) {
        for (String column : List.of("zkteco_transaction_id", "zkteco_exit_transaction_id")) {
            String sql = "UPDATE entry_logs SET " + column + " = ? WHERE id = ?";
            List<Object[]> rows = recorded.entrySet().stream().filter(e -> e.getKey().idColumn().equals(column))
                    .map(e -> new Object[] {e.getValue(), e.getKey().logId()}).toList();
            if (rows.isEmpty()) {
                continue;
            }
            try {
                setAll(column, rows);
            } catch (DataIntegrityViolationException collision) {
                for (Object[] row : rows) {
                    try {
                        jdbcTemplate.update(sql, row);
                    } catch (DataIntegrityViolationException e) {
                        out.put((Long) row[1], Outcome.failed(BioTimeException.permanent("BioTime holds this punch "
                                + "already as transaction " + row[0] + ", the " + column + " of another entry log "
                                + "(the same person, second and state twice)", 0, null)));
                    }
                }
            }
        }
    }

    /** {@code rows} of (value, id) in one statement: one row per statement was most of a batch's statements. */
    private void setAll(String column, List<Object[]> rows) {
        List<Object> params = new ArrayList<>(rows.size() * 3);
        rows.forEach(row -> params.addAll(List.of(row[1], row[0])));
        rows.forEach(row -> params.add(row[1]));
        jdbc.sql("UPDATE entry_logs SET " + column + " = CASE id" + " WHEN ? THEN ?".repeat(rows.size())
                + " END WHERE id IN (" + marks(rows.size()) + ")").params(params).update();
    }

    private void batch(String sql, List<Object[]> args) {
        if (!args.isEmpty()) {
            jdbcTemplate.batchUpdate(sql, args);
        }
    }

    /** The rows of these logs; {@code lock} is appended to the query (" FOR UPDATE", or ""). */
    private Map<Long, EntryLogRow> load(List<Long> ids, String lock) {
        Map<Long, EntryLogRow> rows = new HashMap<>();
        jdbc.sql("SELECT id, cnic, entry_time, exit_time, zkteco_transaction_id, zkteco_exit_transaction_id, "
                + "entry_push_started_at, exit_push_started_at, zkteco_synced FROM entry_logs WHERE id IN ("
                + marks(ids.size()) + ")" + lock).params(List.copyOf(ids)).query(EntrySync::map).list()
                .forEach(r -> rows.put(r.id(), r));
        return rows;
    }

    private static String marks(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    private static List<Object> params(Object first, List<Long> ids) {
        List<Object> params = new ArrayList<>(ids.size() + 1);
        params.add(first);
        params.addAll(ids);
        return params;
    }

    private static EntryLogRow map(ResultSet rs, int n) throws SQLException {
        return new EntryLogRow(rs.getLong("id"), rs.getString("cnic"), Rows.instant(rs, "entry_time"),
                Rows.instant(rs, "exit_time"), Rows.nullableLong(rs, "zkteco_transaction_id"),
                Rows.nullableLong(rs, "zkteco_exit_transaction_id"), Rows.instant(rs, "entry_push_started_at"),
                Rows.instant(rs, "exit_push_started_at"), rs.getBoolean("zkteco_synced"));
    }
}
