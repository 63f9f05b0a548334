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
import java.util.Locale;
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
import io.gatesync.worker.biotime.BioTimeClock;
import io.gatesync.worker.biotime.BioTimeException;
import io.gatesync.worker.biotime.HeldPunch;
import io.gatesync.worker.biotime.Punch;
import io.gatesync.worker.biotime.PunchChannel;
import io.gatesync.worker.biotime.PunchLookup;
import io.gatesync.worker.biotime.PushResult;
import io.gatesync.worker.entrylog.EntryLogRow.Side;
import io.gatesync.worker.people.PersonSync;
import io.gatesync.worker.command.CommandRunner.Outcome;
import io.gatesync.worker.command.LockBusyException;
import io.gatesync.worker.command.NotYetException;
import io.gatesync.worker.command.RecordLocks;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sends entry logs' punches to BioTime: the check-in for an entry, the check-out for an exit, each once.
 * One worker at a time per entry log (a named lock); before each push the row records when a push started, so a
 * worker that finds the mark without a transaction id asks BioTime first instead of sending a second punch. The
 * lock can outlive its holder's reach (the database dropped the lock's connection while the push was in flight),
 * so a punch BioTime does not show yet is sent again only once that earlier push must have ended.
 * <p>
 * BioTime keeps one punch per person and second (its unique key is emp_code and punch_time, not the state). So an
 * exit in the same second as its entry is sent a second later, and when BioTime refuses a punch because its second is
 * taken, or a look-up finds the second taken: by a punch of the same state, that one is this punch (adopted, not
 * sent again); by one GateSync sent itself with another state (another entry log of the person), this punch moves one
 * second later; by anyone else's with another state, it is a {@code PUNCH_CONFLICT} for an operator. A punch's
 * move is recorded on its entry log ({@code *_punch_shift}) before it is sent, so a retry looks in the same second.
 * <p>
 * Many entry logs are synced together (the adms channel carries all their punches in one upload): their rows are
 * read, marked and updated with one statement each, and each log gets its own outcome.
 */
@Service
public class EntrySync {

    private static final int LOCK_WAIT_SECONDS = 30;
    /** Beyond the longest call: time a push may wait for its budget slot after its mark, and clocks apart. */
    private static final Duration MARK_MARGIN = Duration.ofSeconds(5);

    static final String COLUMNS = "id, person_id, cnic, entry_time, exit_time, zkteco_transaction_id, "
            + "zkteco_exit_transaction_id, zkteco_manual_log_id, zkteco_exit_manual_log_id, entry_push_started_at, "
            + "exit_push_started_at, entry_punch_shift, exit_punch_shift, zkteco_synced";

    private final JdbcClient jdbc;
    private final JdbcTemplate jdbcTemplate;
    private final TransactionTemplate tx;
    private final PunchChannel punches;
    private final PersonSync personSync;
    private final RecordLocks locks;
    private final BioTimeClock clock;
    private final MeterRegistry metrics;
    private final Duration pushEndsWithin;

    public EntrySync(JdbcClient jdbc, JdbcTemplate jdbcTemplate, TransactionTemplate tx, PunchChannel punches,
            PersonSync personSync, RecordLocks locks, BioTimeClient client, BioTimeClock clock, MeterRegistry metrics) {
        this.jdbc = jdbc;
        this.jdbcTemplate = jdbcTemplate;
        this.tx = tx;
        this.punches = punches;
        this.personSync = personSync;
        this.locks = locks;
        this.clock = clock;
        this.metrics = metrics;
        this.pushEndsWithin = client.longestCall().plus(MARK_MARGIN);
        for (Direction direction : Direction.values()) {
            pushed(direction); // at 0 from the start, so rates begin at the first push
        }
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

    /**
     * A punch a log still needs in BioTime: which one, as sent (its time includes {@code shift}), and when a push of
     * it started (or null).
     */
    private record Pending(long logId, Direction direction, Punch punch, int shift, Instant startedAt) {

        boolean started() {
            return startedAt != null;
        }

        /** The same punch one second later. */
        Pending moved() {
            return new Pending(logId, direction, new Punch(punch.empCode(), punch.employeeId(),
                    punch.time().plusSeconds(1), punch.state()), shift + 1, startedAt);
        }

        Pending claimed(Instant at) {
            return new Pending(logId, direction, punch, shift, at);
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
        Map<PunchSeconds.Key, Integer> shifts = plannedShifts(rows.values());
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
                    pending.addAll(needed(row, employeeId, shifts));
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
                    + "(entry_time IS NULL OR zkteco_transaction_id IS NOT NULL OR zkteco_manual_log_id IS NOT NULL) "
                    + "AND (exit_time IS NULL OR zkteco_exit_transaction_id IS NOT NULL "
                    + "OR zkteco_exit_manual_log_id IS NOT NULL) THEN 1 ELSE 0 END WHERE id IN ("
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

    /** The punches of this log BioTime lacks, each in the second {@link PunchSeconds} gives it. */
    private static List<Pending> needed(EntryLogRow row, long employeeId, Map<PunchSeconds.Key, Integer> shifts) {
        List<Pending> needed = new ArrayList<>(2);
        for (Direction direction : Direction.values()) {
            Side side = row.side(direction);
            if (side.time() == null || side.inBioTime()) {
                continue;
            }
            int shift = side.pushStartedAt() != null ? side.shift()
                    : shifts.getOrDefault(new PunchSeconds.Key(row.id(), direction), side.shift());
            needed.add(new Pending(row.id(), direction, new Punch(row.cnic(), employeeId,
                    PunchLookup.second(side.time()).plusSeconds(shift), direction.state), shift, side.pushStartedAt()));
        }
        return needed;
    }

    /**
     * The seconds of the punches these logs still need, planned with every punch of their people a few seconds around
     * them (one query for the batch, index ranges per person: a batch-wide range read every log of its people in
     * between): BioTime keeps one punch per person and second.
     */
    private Map<PunchSeconds.Key, Integer> plannedShifts(Collection<EntryLogRow> rows) {
        record Span(String cnic, long personId, Instant from, Instant to) {
        }
        long reach = Punch.MAX_SHIFT_SECONDS + 1L;
        Map<Long, Span> spans = new HashMap<>();
        for (EntryLogRow row : rows) {
            for (Direction direction : Direction.values()) {
                Side side = row.side(direction);
                if (!row.synced() && side.time() != null && !side.inBioTime() && side.pushStartedAt() == null) {
                    Instant from = side.time().minusSeconds(reach);
                    Instant to = side.time().plusSeconds(reach);
                    spans.merge(row.personId(), new Span(row.cnic(), row.personId(), from, to), (a, b) -> new Span(
                            a.cnic(), a.personId(), a.from().isBefore(b.from()) ? a.from() : b.from(),
                            a.to().isAfter(b.to()) ? a.to() : b.to()));
                }
            }
        }
        if (spans.isEmpty()) {
            return Map.of();
        }
        List<Object> params = new ArrayList<>();
        spans.values().forEach(p -> params.addAll(List.of(p.cnic(), DbTime.toDb(p.from()), DbTime.toDb(p.to()))));
        spans.values().forEach(p -> params.addAll(List.of(p.personId(), DbTime.toDb(p.from()), DbTime.toDb(p.to()))));
        // entries through (cnic, entry_time), exits through (person_id, exit_time, …)
        Map<Long, EntryLogRow> around = new HashMap<>();
        jdbc.sql("SELECT " + COLUMNS + " FROM entry_logs WHERE "
                + String.join(" OR ", Collections.nCopies(spans.size(), "(cnic = ? AND entry_time BETWEEN ? AND ?)"))
                + " UNION ALL SELECT " + COLUMNS + " FROM entry_logs WHERE "
                + String.join(" OR ", Collections.nCopies(spans.size(), "(person_id = ? AND exit_time BETWEEN ? AND ?)")))
                .params(params).query(EntrySync::map).list().forEach(row -> around.put(row.id(), row));
        Map<String, List<PunchSeconds.Event>> byPerson = new HashMap<>();
        for (EntryLogRow row : around.values()) {
            for (Direction direction : Direction.values()) {
                Side side = row.side(direction);
                if (side.time() != null) {
                    boolean sent = side.inBioTime() || side.pushStartedAt() != null;
                    byPerson.computeIfAbsent(row.cnic(), k -> new ArrayList<>()).add(new PunchSeconds.Event(row.id(),
                            direction, side.time(), sent ? side.shift() : null));
                }
            }
        }
        Map<PunchSeconds.Key, Integer> shifts = new HashMap<>();
        byPerson.values().forEach(events -> shifts.putAll(PunchSeconds.plan(events)));
        return shifts;
    }

    /**
     * Each punch once: one whose push started before (its worker died or timed out) is looked up first, and sent
     * again only if BioTime lacks it and that push has surely ended; the rest are marked as started, sent together,
     * and their ids recorded. A punch whose second turns out taken is resolved as the class comment says, moved ones
     * sent again in the next round. A failure fails the logs it touched.
     */
    private void push(List<Pending> pending, Map<Long, List<String>> done, Map<Long, Outcome> out) {
        Map<Pending, Long> recorded = new LinkedHashMap<>();
        try {
            List<Pending> toSend = lookUpStarted(pending, recorded, out);
            pending.stream().filter(p -> !p.started()).forEach(toSend::add);
            while (!toSend.isEmpty()) {
                toSend = send(toSend, recorded, out);
            }
        } finally {
            writeIds(recorded, out); // what BioTime has, recorded even if other punches of the batch failed
        }
        recorded.forEach((p, id) -> done.get(p.logId()).add(p.direction().label() + " " + id
                + (p.shift() > 0 ? " (sent " + p.shift() + " s later: one punch per person and second)" : "")));
    }

    /** The punches whose push started before: what BioTime holds in their seconds decides. Returns those to send. */
    private List<Pending> lookUpStarted(List<Pending> pending, Map<Pending, Long> recorded, Map<Long, Outcome> out) {
        List<Pending> toSend = new ArrayList<>();
        List<Pending> started = pending.stream().filter(Pending::started).toList();
        if (started.isEmpty()) {
            return toSend;
        }
        List<Optional<HeldPunch>> known;
        try {
            known = punches.findAll(started.stream().map(Pending::punch).toList());
        } catch (RuntimeException e) {
            started.forEach(p -> out.putIfAbsent(p.logId(), Outcome.failed(e)));
            return toSend;
        }
        Instant now = Instant.now();
        for (int i = 0; i < known.size(); i++) {
            Pending p = started.get(i);
            if (known.get(i).isPresent()) {
                settle(p, known.get(i).get(), recorded, out).ifPresent(toSend::add);
                continue;
            }
            Duration inFlight = Duration.between(now, p.startedAt().plus(pushEndsWithin));
            if (inFlight.compareTo(Duration.ZERO) > 0) {
                out.putIfAbsent(p.logId(), Outcome.failed(new NotYetException("A push of this punch started at "
                        + p.startedAt() + " and may still reach BioTime; looking again in "
                        + inFlight.toSeconds() + " s", inFlight)));
            } else {
                toSend.add(p);
            }
        }
        return toSend;
    }

    /** Marks, sends and records one round; returns the punches moved to the next second, to send in the next. */
    private List<Pending> send(List<Pending> toSend, Map<Pending, Long> recorded, Map<Long, Outcome> out) {
        List<Pending> ready = toSend.stream().filter(p -> !out.containsKey(p.logId())).toList();
        if (ready.isEmpty()) {
            return List.of();
        }
        List<Pending> claimed = claim(ready, Instant.now());
        ready.stream().filter(p -> claimed.stream().noneMatch(c -> c.logId() == p.logId()
                && c.direction() == p.direction())).forEach(p -> out.putIfAbsent(p.logId(), Outcome.failed(
                new LockBusyException("Another worker started pushing this punch meanwhile (this worker's lock "
                        + "went with a dropped database connection)"))));
        if (claimed.isEmpty()) {
            return List.of();
        }
        List<PushResult> results;
        try {
            results = punches.pushAll(claimed.stream().map(Pending::punch).toList());
        } catch (RuntimeException e) {
            results = claimed.stream().map(p -> (PushResult) new PushResult.Failed(e)).toList();
        }
        List<Pending> moved = new ArrayList<>();
        List<Pending> untouched = new ArrayList<>();
        for (int i = 0; i < claimed.size(); i++) {
            Pending p = claimed.get(i);
            PushResult result = results.get(i);
            if (result instanceof PushResult.Stored stored) {
                recorded.put(p, stored.id());
                pushed(p.direction()).increment();
            } else if (result instanceof PushResult.SecondTaken taken) {
                if (taken.held().isEmpty()) {
                    untouched.add(p); // BioTime refused it: nothing of it is on the way
                    out.putIfAbsent(p.logId(), Outcome.failed(BioTimeException.notYetVisible("BioTime refused the "
                            + p.direction().label() + " of " + p.punch().empCode() + " at "
                            + clock.format(p.punch().time()) + " as a second punch of that second, but does not "
                            + "list it")));
                    continue;
                }
                Optional<Pending> next = settle(p, taken.held().get(), recorded, out);
                next.ifPresent(moved::add);
                if (next.isEmpty() && !recorded.containsKey(p)) {
                    untouched.add(p); // refused, and not this punch: nothing of it is in BioTime or on the way
                }
            } else if (result instanceof PushResult.Failed failed) {
                BioTimeException bioTime = Texts.causeOf(failed.failure(), BioTimeException.class);
                if (bioTime != null && bioTime.refusedUntouched()) {
                    untouched.add(p); // nothing in flight, nothing stored: the next try need not wait or ask
                }
                out.putIfAbsent(p.logId(), Outcome.failed(failed.failure()));
            }
        }
        markStarted(untouched, null);
        return moved;
    }

    /**
     * BioTime holds {@code held} in this punch's second. The same state: it is this punch (adopted). Another state
     * sent by GateSync itself: this punch moves a second later (returned, to be sent), up to {@link Punch#MAX_SHIFT_SECONDS}.
     * Anyone else's: a punch conflict.
     */
    private Optional<Pending> settle(Pending p, HeldPunch held, Map<Pending, Long> recorded, Map<Long, Outcome> out) {
        if (held.sameState(p.punch())) {
            recorded.put(p, held.id());
            return Optional.empty();
        }
        String at = clock.format(p.punch().time());
        if (ours(held)) {
            if (p.shift() < Punch.MAX_SHIFT_SECONDS) {
                return Optional.of(p.moved());
            }
            out.putIfAbsent(p.logId(), Outcome.failed(BioTimeException.permanent("No free second for the "
                    + p.direction().label() + " of " + p.punch().empCode() + " within " + Punch.MAX_SHIFT_SECONDS + " s of its time: "
                    + "GateSync's own punches of this person hold them all", 0, null)));
            return Optional.empty();
        }
        out.putIfAbsent(p.logId(), Outcome.failed(BioTimeException.punchConflict("BioTime holds a punch of "
                + p.punch().empCode() + " at " + at + " with state " + held.state() + " (id " + held.id()
                + ", not sent by GateSync), and keeps one punch per person and second, so this entry log's "
                + p.direction().label() + " (state " + p.punch().state() + ") cannot be stored there. Decide which is "
                + "right: delete " + held.id() + " in BioTime and replay this dead letter, or leave BioTime as it is")));
        return Optional.empty();
    }

    /** GateSync sent it: it carries GateSync's terminal, or an entry log holds its id. */
    private boolean ours(HeldPunch held) {
        if (held.fromOurTerminal()) {
            return true;
        }
        String first = punches.answersManualLogs() ? Direction.ENTRY.manualLogColumn
                : Direction.ENTRY.transactionColumn;
        String second = punches.answersManualLogs() ? Direction.EXIT.manualLogColumn
                : Direction.EXIT.transactionColumn;
        return jdbc.sql("SELECT COUNT(*) FROM entry_logs WHERE " + first + " = :id OR " + second + " = :id")
                .param("id", held.id()).query(Long.class).single() > 0;
    }

    /**
     * Marks these punches' pushes as started (with the second each is sent in) and answers those it marked, as
     * marked: each only if its mark is still what this worker read. The named lock alone cannot promise that: when the
     * database drops the lock's connection, another worker can take the lock while this one is between reading the
     * row and pushing, and both would send (seen in RestartsTest: a person's two punches twice). Row locks make the
     * check and the mark one step, so of two such workers only one pushes; the other fails this try, and its retry
     * finds the mark and waits for that push.
     */
    private List<Pending> claim(List<Pending> pushes, Instant at) {
        List<Long> ids = pushes.stream().map(Pending::logId).distinct().toList();
        Instant startedAt = at.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        return tx.execute(status -> {
            Map<Long, EntryLogRow> current = load(ids, " FOR UPDATE");
            List<Pending> claimed = pushes.stream().filter(p -> current.containsKey(p.logId())
                    && Objects.equals(p.startedAt(), current.get(p.logId()).side(p.direction()).pushStartedAt()))
                    .map(p -> p.claimed(startedAt)).toList();
            // one statement per column and shift (nearly always 0): a statement per row was a question per punch
            record Mark(Direction direction, int shift) {
            }
            claimed.stream().collect(Collectors.groupingBy(p -> new Mark(p.direction(), p.shift()),
                    Collectors.mapping(Pending::logId, Collectors.toList()))).forEach((mark, logs) -> {
                        List<Object> params = new ArrayList<>(List.of(DbTime.toDb(startedAt), mark.shift()));
                        params.addAll(logs);
                        jdbc.sql("UPDATE entry_logs SET " + mark.direction().startedColumn + " = ?, "
                                + mark.direction().shiftColumn + " = ? WHERE id IN (" + marks(logs.size()) + ")")
                                .params(params).update();
                    });
            return claimed;
        });
    }

    /** Records that no push of these punches is started or under way. */
    private void markStarted(List<Pending> pushes, String startedAt) {
        for (Direction direction : Direction.values()) {
            List<Long> logs = pushes.stream().filter(p -> p.direction() == direction).map(Pending::logId).toList();
            if (!logs.isEmpty()) {
                jdbc.sql("UPDATE entry_logs SET " + direction.startedColumn + " = ? WHERE id IN ("
                        + marks(logs.size()) + ")").params(params(startedAt, logs)).update();
            }
        }
    }

    /**
     * Transaction ids are unique per log: BioTime keeps one punch per person and second, so a second log with the
     * same punch (one person, one second, one state) would take another's id. Only that log fails, not its batch.
     * One transaction: a commit per row was a redo-log flush per punch. Manual-log receipts go to their own columns.
     */
    private void writeIds(Map<Pending, Long> recorded, Map<Long, Outcome> out) {
        if (!recorded.isEmpty()) {
            tx.executeWithoutResult(status -> writeIdsInTransaction(recorded, out));
        }
    }

    private void writeIdsInTransaction(Map<Pending, Long> recorded, Map<Long, Outcome> out) {
        for (Direction direction : Direction.values()) {
            String column = punches.answersManualLogs() ? direction.manualLogColumn : direction.transactionColumn;
            String sql = "UPDATE entry_logs SET " + column + " = ? WHERE id = ?";
            List<Object[]> rows = recorded.entrySet().stream().filter(e -> e.getKey().direction() == direction)
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
        jdbc.sql("SELECT " + COLUMNS + " FROM entry_logs WHERE id IN (" + marks(ids.size()) + ")" + lock).params(List.copyOf(ids)).query(EntrySync::map).list()
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

    static EntryLogRow map(ResultSet rs, int n) throws SQLException {
        return new EntryLogRow(rs.getLong("id"), rs.getLong("person_id"), rs.getString("cnic"), side(rs, Direction.ENTRY),
                side(rs, Direction.EXIT), rs.getBoolean("zkteco_synced"));
    }

    private static Side side(ResultSet rs, Direction d) throws SQLException {
        return new Side(Rows.instant(rs, d.timeColumn), Rows.nullableLong(rs, d.transactionColumn),
                Rows.nullableLong(rs, d.manualLogColumn), Rows.instant(rs, d.startedColumn), rs.getInt(d.shiftColumn));
    }

    /** Punches BioTime stored, by direction ("entry", "exit"). */
    private Counter pushed(Direction direction) {
        return metrics.counter("gatesync.punches.pushed", "direction", direction.name().toLowerCase(Locale.ROOT));
    }
}
