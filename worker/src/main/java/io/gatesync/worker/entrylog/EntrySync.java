package io.gatesync.worker.entrylog;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

import io.gatesync.common.text.Texts;
import io.gatesync.worker.biotime.BioTimeClient;
import io.gatesync.worker.biotime.BioTimeClock;
import io.gatesync.worker.biotime.BioTimeException;
import io.gatesync.worker.biotime.HeldPunch;
import io.gatesync.worker.biotime.Punch;
import io.gatesync.worker.biotime.PunchChannel;
import io.gatesync.worker.biotime.PunchLookup;
import io.gatesync.worker.biotime.PushResult;
import io.gatesync.worker.command.LockBusyException;
import io.gatesync.worker.command.NotYetException;
import io.gatesync.worker.command.Outcome;
import io.gatesync.worker.command.RecordLocks;
import io.gatesync.worker.entrylog.EntryLogPushes.Claim;
import io.gatesync.worker.entrylog.EntryLogPushes.Collision;
import io.gatesync.worker.entrylog.EntryLogPushes.Window;
import io.gatesync.worker.entrylog.EntryLogRow.Side;
import io.gatesync.worker.people.PersonSync;

/**
 * Sends entry logs' punches to BioTime: the check-in for an entry, the check-out for an exit, each once. This class
 * is the protocol; the rows it reads and marks are {@link EntryLogPushes}' (the database's in {@link
 * JdbcEntryLogPushes}).
 * <p>
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

    /** The person's BioTime employee: a punch for someone BioTime does not know yet would not count. */
    interface Employees {

        /** The employee id of each of these people who is linked already, without asking BioTime. */
        Map<String, Long> linked(Collection<String> cnics);

        /** Syncs the person to BioTime; returns their employee id. */
        long sync(String cnic);
    }

    /** The entry logs' named locks ({@link RecordLocks#withLocks}): work gets the names it could take. */
    @FunctionalInterface
    interface Locks {
        Map<Long, Outcome> withLocks(
                Collection<String> names, int waitSeconds, Function<Set<String>, Map<Long, Outcome>> work);
    }

    private final EntryLogPushes rows;
    private final PunchChannel punches;
    private final Employees employees;
    private final Locks locks;
    private final BioTimeClock clock;
    private final MeterRegistry metrics;
    private final Duration pushEndsWithin;

    @Autowired
    public EntrySync(
            EntryLogPushes rows,
            PunchChannel punches,
            PersonSync personSync,
            RecordLocks locks,
            BioTimeClient client,
            BioTimeClock clock,
            MeterRegistry metrics) {
        this(
                rows,
                punches,
                new Employees() {
                    @Override
                    public Map<String, Long> linked(Collection<String> cnics) {
                        return personSync.linkedEmployees(cnics);
                    }

                    @Override
                    public long sync(String cnic) {
                        return personSync.sync(cnic);
                    }
                },
                locks::withLocks,
                clock,
                metrics,
                client.longestCall().plus(MARK_MARGIN));
    }

    /** @param pushEndsWithin how long after its mark a push has surely ended (the client's longest call and a margin) */
    EntrySync(
            EntryLogPushes rows,
            PunchChannel punches,
            Employees employees,
            Locks locks,
            BioTimeClock clock,
            MeterRegistry metrics,
            Duration pushEndsWithin) {
        this.rows = rows;
        this.punches = punches;
        this.employees = employees;
        this.locks = locks;
        this.clock = clock;
        this.metrics = metrics;
        this.pushEndsWithin = pushEndsWithin;
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
        Map<Long, Outcome> out = new HashMap<>(locks.withLocks(
                byLock.keySet(),
                single ? LOCK_WAIT_SECONDS : 0,
                acquired ->
                        syncLocked(acquired.stream().map(byLock::get).sorted().toList())));
        for (long id : ids) {
            if (!out.containsKey(id)) {
                out.put(
                        id,
                        single
                                ? Outcome.failed(
                                        new LockBusyException(lockName(id) + " is being synced by another worker"))
                                : syncAll(List.of(id)).get(id));
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
    private record Pending(LogPunch key, Punch punch, int shift, Instant startedAt) {

        long logId() {
            return key.logId();
        }

        Direction direction() {
            return key.direction();
        }

        boolean started() {
            return startedAt != null;
        }

        /** The same punch one second later. */
        Pending moved() {
            return new Pending(
                    key,
                    new Punch(punch.empCode(), punch.employeeId(), punch.time().plusSeconds(1), punch.state()),
                    shift + 1,
                    startedAt);
        }

        Pending claimed(Instant at) {
            return new Pending(key, punch, shift, at);
        }

        Claim claim() {
            return new Claim(key, shift, startedAt);
        }
    }

    private Map<Long, Outcome> syncLocked(List<Long> ids) {
        Map<Long, Outcome> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        Map<Long, EntryLogRow> logs = rows.load(ids);
        Map<String, Long> linked = new HashMap<>(
                employees.linked(logs.values().stream().map(EntryLogRow::cnic).collect(Collectors.toSet())));
        Map<Long, List<String>> done = new LinkedHashMap<>();
        List<Pending> pending = new ArrayList<>();
        Map<LogPunch, Integer> shifts = plannedShifts(logs.values());
        for (long id : ids) {
            EntryLogRow row = logs.get(id);
            if (row == null) {
                out.put(
                        id,
                        Outcome.failed(BioTimeException.permanent("No entry log " + id + " in the database", 0, null)));
            } else if (row.synced()) {
                out.put(id, Outcome.done("already synced"));
            } else {
                try {
                    // A punch for someone BioTime does not know yet would not count: sync the person first.
                    long employeeId = linked.computeIfAbsent(row.cnic(), employees::sync);
                    pending.addAll(needed(row, employeeId, shifts));
                    done.put(id, new ArrayList<>());
                } catch (RuntimeException e) {
                    out.put(id, Outcome.failed(e));
                }
            }
        }
        push(pending, done, out);
        List<Long> succeeded =
                done.keySet().stream().filter(id -> !out.containsKey(id)).toList();
        rows.markSynced(succeeded);
        for (long id : succeeded) {
            List<String> steps = done.get(id);
            out.put(id, Outcome.done(steps.isEmpty() ? "nothing to send" : String.join(", ", steps)));
        }
        Map<Long, String> errors = new LinkedHashMap<>();
        out.forEach((id, outcome) -> {
            if (outcome.failure() != null && logs.containsKey(id)) {
                errors.put(id, outcome.failure().getMessage());
            }
        });
        rows.recordErrors(errors);
        return out;
    }

    /** The punches of this log BioTime lacks, each in the second {@link PunchSeconds} gives it. */
    private static List<Pending> needed(EntryLogRow row, long employeeId, Map<LogPunch, Integer> shifts) {
        List<Pending> needed = new ArrayList<>(2);
        for (Direction direction : Direction.values()) {
            Side side = row.side(direction);
            if (side.time() == null || side.inBioTime()) {
                continue;
            }
            LogPunch key = new LogPunch(row.id(), direction);
            int shift = side.pushStartedAt() != null ? side.shift() : shifts.getOrDefault(key, side.shift());
            needed.add(new Pending(
                    key,
                    new Punch(
                            row.cnic(),
                            employeeId,
                            PunchLookup.second(side.time()).plusSeconds(shift),
                            direction.state),
                    shift,
                    side.pushStartedAt()));
        }
        return needed;
    }

    /**
     * The seconds of the punches these logs still need, planned with every punch of their people a few seconds around
     * them: BioTime keeps one punch per person and second.
     */
    private Map<LogPunch, Integer> plannedShifts(Collection<EntryLogRow> logs) {
        long reach = Punch.MAX_SHIFT_SECONDS + 1L;
        Map<Long, Window> windows = new HashMap<>();
        for (EntryLogRow row : logs) {
            for (Direction direction : Direction.values()) {
                Side side = row.side(direction);
                if (!row.synced() && side.time() != null && !side.inBioTime() && side.pushStartedAt() == null) {
                    Instant from = side.time().minusSeconds(reach);
                    Instant to = side.time().plusSeconds(reach);
                    windows.merge(
                            row.personId(),
                            new Window(row.cnic(), row.personId(), from, to),
                            (a, b) -> new Window(
                                    a.cnic(),
                                    a.personId(),
                                    a.from().isBefore(b.from()) ? a.from() : b.from(),
                                    a.to().isAfter(b.to()) ? a.to() : b.to()));
                }
            }
        }
        if (windows.isEmpty()) {
            return Map.of();
        }
        Map<String, List<PunchSeconds.Event>> byPerson = new HashMap<>();
        for (EntryLogRow row : rows.around(windows.values())) {
            for (Direction direction : Direction.values()) {
                Side side = row.side(direction);
                if (side.time() != null) {
                    boolean sent = side.inBioTime() || side.pushStartedAt() != null;
                    byPerson.computeIfAbsent(row.cnic(), k -> new ArrayList<>())
                            .add(new PunchSeconds.Event(row.id(), direction, side.time(), sent ? side.shift() : null));
                }
            }
        }
        Map<LogPunch, Integer> shifts = new HashMap<>();
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
        recorded.forEach((p, id) -> done.get(p.logId())
                .add(p.direction().label() + " " + id
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
                out.putIfAbsent(
                        p.logId(),
                        Outcome.failed(new NotYetException(
                                "A push of this punch started at "
                                        + p.startedAt() + " and may still reach BioTime; looking again in "
                                        + inFlight.toSeconds() + " s",
                                inFlight)));
            } else {
                toSend.add(p);
            }
        }
        return toSend;
    }

    /** Marks, sends and records one round; returns the punches moved to the next second, to send in the next. */
    private List<Pending> send(List<Pending> toSend, Map<Pending, Long> recorded, Map<Long, Outcome> out) {
        List<Pending> ready =
                toSend.stream().filter(p -> !out.containsKey(p.logId())).toList();
        if (ready.isEmpty()) {
            return List.of();
        }
        List<Pending> claimed = claim(ready, Instant.now());
        ready.stream()
                .filter(p -> claimed.stream().noneMatch(c -> c.key().equals(p.key())))
                .forEach(p -> out.putIfAbsent(
                        p.logId(),
                        Outcome.failed(new LockBusyException("Another worker "
                                + "started pushing this punch meanwhile (this worker's lock went with a dropped database "
                                + "connection)"))));
        if (claimed.isEmpty()) {
            return List.of();
        }
        List<PushResult> results;
        try {
            results = punches.pushAll(claimed.stream().map(Pending::punch).toList());
        } catch (RuntimeException e) {
            results = claimed.stream()
                    .map(p -> (PushResult) new PushResult.Failed(e))
                    .toList();
        }
        List<Pending> moved = new ArrayList<>();
        List<LogPunch> untouched = new ArrayList<>();
        for (int i = 0; i < claimed.size(); i++) {
            Pending p = claimed.get(i);
            PushResult result = results.get(i);
            if (result instanceof PushResult.Stored stored) {
                recorded.put(p, stored.id());
                pushed(p.direction()).increment();
            } else if (result instanceof PushResult.SecondTaken taken) {
                if (taken.held().isEmpty()) {
                    untouched.add(p.key()); // BioTime refused it: nothing of it is on the way
                    out.putIfAbsent(
                            p.logId(),
                            Outcome.failed(BioTimeException.notYetVisible("BioTime refused the "
                                    + p.direction().label() + " of " + p.punch().empCode() + " at "
                                    + clock.format(p.punch().time())
                                    + " as a second punch of that second, but does not "
                                    + "list it")));
                    continue;
                }
                Optional<Pending> next = settle(p, taken.held().get(), recorded, out);
                next.ifPresent(moved::add);
                if (next.isEmpty() && !recorded.containsKey(p)) {
                    untouched.add(p.key()); // refused, and not this punch: nothing of it is in BioTime or on the way
                }
            } else if (result instanceof PushResult.Failed failed) {
                BioTimeException bioTime = Texts.causeOf(failed.failure(), BioTimeException.class);
                if (bioTime != null && bioTime.refusedUntouched()) {
                    untouched.add(p.key()); // nothing in flight, nothing stored: the next try need not wait or ask
                }
                out.putIfAbsent(p.logId(), Outcome.failed(failed.failure()));
            }
        }
        rows.unmark(untouched);
        return moved;
    }

    /**
     * BioTime holds {@code held} in this punch's second. The same state: it is this punch (adopted). Another state
     * sent by GateSync itself: this punch moves a second later (returned, to be sent), up to
     * {@link Punch#MAX_SHIFT_SECONDS}. Anyone else's: a punch conflict.
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
            out.putIfAbsent(
                    p.logId(),
                    Outcome.failed(BioTimeException.permanent(
                            "No free second for the "
                                    + p.direction().label() + " of " + p.punch().empCode() + " within "
                                    + Punch.MAX_SHIFT_SECONDS
                                    + " s of its time: GateSync's own punches of this person hold them all",
                            0,
                            null)));
            return Optional.empty();
        }
        out.putIfAbsent(
                p.logId(),
                Outcome.failed(BioTimeException.punchConflict("BioTime holds a punch of "
                        + p.punch().empCode() + " at " + at + " with state " + held.state() + " (id " + held.id()
                        + ", not sent by GateSync), and keeps one punch per person and second, so this entry log's "
                        + p.direction().label() + " (state " + p.punch().state()
                        + ") cannot be stored there. Decide which is "
                        + "right: delete " + held.id()
                        + " in BioTime and replay this dead letter, or leave BioTime as it is")));
        return Optional.empty();
    }

    /** GateSync sent it: it carries GateSync's terminal, or an entry log holds its id. */
    private boolean ours(HeldPunch held) {
        return held.fromOurTerminal() || rows.holds(held.id(), punches.answersManualLogs());
    }

    /**
     * Marks these punches' pushes as started (with the second each is sent in) and answers those it marked, as
     * marked: each only if its mark is still what this worker read. The named lock alone cannot promise that: when the
     * database drops the lock's connection, another worker can take the lock while this one is between reading the
     * row and pushing, and both would send (seen in RestartsIT: a person's two punches twice). Row locks make the
     * check and the mark one step, so of two such workers only one pushes; the other fails this try, and its retry
     * finds the mark and waits for that push. Marks are kept to the millisecond, as the rows store them.
     */
    private List<Pending> claim(List<Pending> pushes, Instant at) {
        Instant startedAt = at.truncatedTo(ChronoUnit.MILLIS);
        Set<LogPunch> marked = rows.claim(pushes.stream().map(Pending::claim).toList(), startedAt).stream()
                .map(Claim::punch)
                .collect(Collectors.toSet());
        return pushes.stream()
                .filter(p -> marked.contains(p.key()))
                .map(p -> p.claimed(startedAt))
                .toList();
    }

    /**
     * Records the ids BioTime gave, even if other punches of the batch failed. An id another log holds already (the
     * same person, second and state twice) fails only that log.
     */
    private void writeIds(Map<Pending, Long> recorded, Map<Long, Outcome> out) {
        Map<LogPunch, Long> ids = new LinkedHashMap<>();
        recorded.forEach((p, id) -> ids.put(p.key(), id));
        for (Collision c : rows.writeIds(ids, punches.answersManualLogs())) {
            out.put(
                    c.logId(),
                    Outcome.failed(BioTimeException.permanent(
                            "BioTime holds this punch already as "
                                    + "transaction " + c.id() + ", the " + c.column()
                                    + " of another entry log (the same person, "
                                    + "second and state twice)",
                            0,
                            null)));
        }
    }

    /** Punches BioTime stored, by direction ("entry", "exit"). */
    private Counter pushed(Direction direction) {
        return metrics.counter(
                "gatesync.punches.pushed", "direction", direction.name().toLowerCase(Locale.ROOT));
    }
}
