package io.gatesync.worker.attendance;

import java.sql.ResultSet;
import java.sql.Types;
import java.time.Duration;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.gatesync.common.db.Rows;
import io.gatesync.common.entrylog.EntrySource;
import io.gatesync.common.person.Cnic;
import io.gatesync.common.pull.ParkReason;
import io.gatesync.common.time.DbTime;
import io.gatesync.worker.attendance.ParkingList.Parked;
import io.gatesync.worker.attendance.PunchPolicy.DayPunch;
import io.gatesync.worker.attendance.PunchPolicy.Decision;
import io.gatesync.worker.attendance.PunchPolicy.Rule;
import io.gatesync.worker.attendance.Timeline.Row;
import io.gatesync.worker.biotime.BioTimeClock;
import io.gatesync.worker.biotime.Transaction;

/**
 * Imports BioTime punches into entry logs, idempotently, whatever order they come in and however many workers
 * import overlapping windows at once.
 * <ul>
 * <li>The person is found by CNIC (emp_code). A punch that cannot be imported yet (an emp_code that is no CNIC or
 * nobody registered, a state the policy skips, an unreadable time) waits in the {@link ParkingList} with its reason,
 * and is retried from there.</li>
 * <li>Punches with GateSync's own terminal serial number (ZKTECO_TERMINAL_SN) are the gate events GateSync pushed:
 * they change nothing. So does a punch pulled before ({@code pulled_punches}) or whose id an entry log holds, and a
 * punch matching a gate punch GateSync is pushing right now (channels like manual-log keep no serial number).</li>
 * <li>Whether a punch is an entry, an exit or neither is the {@link PunchPolicy}'s, decided with the person's other
 * punches of that day; check-ins and check-outs are then paired on the person's time line ({@link Timeline}).</li>
 * </ul>
 * Punches go in batches, one transaction each, that first lock the batch's people ({@code FOR UPDATE}, in id
 * order, as gate ingest does), so importers of overlapping windows and gate events of the same person take turns;
 * inside, a punch whose id is already stored is a duplicate, and the unique keys on the transaction ids are the
 * last guard (a collision, e.g. with a worker recording the id of a punch it pushed, rolls the batch back and it is
 * tried again). Rows are written with JDBC batches.
 */
public class AttendanceImporter {

    static final String SOURCE = EntrySource.BIOTIME.name();

    private static final Logger log = LoggerFactory.getLogger(AttendanceImporter.class);

    /**
     * Punches per transaction, at most: bounds how long a batch keeps its people locked. A batch holds whole people
     * (a page is cut by person, not by time), so imports of overlapping windows, which lock the same people, run
     * their batches side by side on different people instead of queueing for all of them.
     */
    static final int BATCH_SIZE = 1000;
    /** Pages of a read that may wait or be stored at once: the next is cut while the last is stored. */
    static final int PAGES_IN_FLIGHT = 2;
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

    /** A pulled row whose punches the state policy decided again, so that it holds none now. */
    private static final String DELETE_PULLED = "DELETE FROM entry_logs WHERE id = ? AND source = '" + SOURCE
            + "' AND zkteco_transaction_id <=> ? AND zkteco_exit_transaction_id <=> ?";

    private static final String INSERT_PULLED = "INSERT INTO pulled_punches (transaction_id, person_id, punch_day, "
            + "punch_time, terminal_sn, punch_rule, decision, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

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
    private final String ownTerminalSn;
    private final PunchPolicy policy;
    private final ParkingList parking;
    private final Executor batchRunner;
    private final int batchThreads;

    /**
     * @param batchRunner  runs a page's batches; they hold different people, so a pool imports them side by side (the
     *                     pool's size bounds the worker's import transactions, however many chunks run at once)
     * @param batchThreads the batch runner's threads: a page is cut into a multiple of that many batches
     */
    public AttendanceImporter(JdbcTemplate jdbc, PlatformTransactionManager transactions, BioTimeClock clock,
            String ownTerminalSn, PunchPolicy policy, ParkingList parking, Executor batchRunner, int batchThreads) {
        this.batchRunner = batchRunner;
        this.batchThreads = batchThreads;
        this.jdbc = jdbc;
        this.sql = JdbcClient.create(jdbc);
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
        this.ownTerminalSn = ownTerminalSn;
        this.policy = policy;
        this.parking = parking;
    }

    /** The state policy it imports by (the parking list's retries compare its fingerprint). */
    public PunchPolicy policy() {
        return policy;
    }

    /** A punch ready to import: known person, its rule, UTC time. */
    record Punch(long id, Rule rule, Instant time, long personId, String cnic, String terminalSn) {
    }

    private record Readable(Transaction source, Rule rule, Instant time, String cnic) {
    }

    private record BatchResult(int imported, int duplicates, int folded) {
    }

    /** A punch already pulled, with what it became. */
    private record Stored(long personId, DayPunch punch, Decision decision) {
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
        return importRead(counted, pages -> {
            pages.accept(punches);
            return null;
        }).counts();
    }

    /** What a read gave back, and what importing its pages did. */
    public record Imported<T>(T read, ImportCounts counts) {
    }

    /**
     * Imports the pages a reader hands over as it reads them ({@link Run}); answers once every punch is stored (or
     * has failed): the reader's result and the counts. A failed read waits for the batches it started, then throws.
     */
    public <T> Imported<T> importRead(IntConsumer counted, Function<Consumer<List<Transaction>>, T> read) {
        Run run = new Run(counted);
        T result;
        try {
            result = read.apply(run::add);
        } catch (RuntimeException | Error e) {
            run.awaitQuietly();
            throw e;
        }
        return new Imported<>(result, run.finish());
    }

    /**
     * Pages imported as a reader hands them over, without waiting for one page to be stored before the next starts:
     * each person belongs to one of {@code batchThreads} lanes, and a lane's batches run one after another (on the
     * batch runner) in the order their pages came, so a person's punches are stored in order and never by two
     * transactions at once, while the other lanes go on. At most {@link #PAGES_IN_FLIGHT} pages wait or run at a
     * time. {@link #finish} waits for the last. Not for use by several threads at once.
     */
    private final class Run {

        private final IntConsumer counted;
        private final List<CompletableFuture<BatchResult>> batches = new ArrayList<>();
        private final java.util.ArrayDeque<List<CompletableFuture<BatchResult>>> pages = new java.util.ArrayDeque<>();
        private final CompletableFuture<?>[] lanes = new CompletableFuture<?>[batchThreads];
        private ImportCounts counts = ImportCounts.NONE;

        private Run(IntConsumer counted) {
            this.counted = counted;
            java.util.Arrays.fill(lanes, CompletableFuture.completedFuture(null));
        }

        /** Takes a page; throws a failure of an earlier batch rather than go on. */
        void add(List<Transaction> punches) {
            Page page = sort(punches);
            while (pages.size() >= PAGES_IN_FLIGHT) {
                sum(pages.removeFirst()); // throws the first failure
            }
            counts = counts.plus(new ImportCounts(page.seen(), 0, page.own(), page.parked().size(), 0));
            Map<Integer, List<Punch>> byLane = new TreeMap<>();
            for (Punch p : page.known()) {
                byLane.computeIfAbsent((int) Math.floorMod(p.personId(), (long) lanes.length),
                        k -> new ArrayList<>()).add(p);
            }
            List<CompletableFuture<BatchResult>> started = new ArrayList<>();
            byLane.forEach((lane, punchesOfLane) -> {
                for (List<Punch> batch : byPeople(punchesOfLane, batchSize(punchesOfLane.size(), 1))) {
                    // after the lane's last batch; a failed one fails the rest of its lane
                    CompletableFuture<BatchResult> next = lanes[lane].thenApplyAsync(
                            before -> importBatch(batch, counted), batchRunner);
                    lanes[lane] = next;
                    started.add(next);
                }
            });
            batches.addAll(started);
            pages.addLast(started);
            park(page.parked());
        }

        /**
         * Waits for every batch, even after one failed (so none outlives the run: a reader's cursor moves only after
         * all is stored); then answers the counts, or throws the first failure as it was thrown.
         */
        ImportCounts finish() {
            awaitQuietly();
            return counts.plus(sum(batches));
        }

        void awaitQuietly() {
            CompletableFuture.allOf(batches.toArray(CompletableFuture[]::new)).exceptionally(failure -> null).join();
        }
    }

    /** The batches' counts, once all are done; the first failure as it was thrown. */
    private static ImportCounts sum(List<CompletableFuture<BatchResult>> batches) {
        ImportCounts total = ImportCounts.NONE;
        for (CompletableFuture<BatchResult> batch : batches) {
            try {
                BatchResult result = batch.join();
                total = total.plus(new ImportCounts(0, result.imported(), result.duplicates(), 0, result.folded()));
            } catch (CompletionException e) {
                if (e.getCause() instanceof RuntimeException cause) {
                    throw cause;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw e;
            }
        }
        return total;
    }

    /** A page sorted: punches ready to import, those to park, and GateSync's own coming back. */
    private record Page(int seen, int own, List<Punch> known, List<Parked> parked) {
    }

    private Page sort(List<Transaction> punches) {
        Map<Long, Transaction> unique = new LinkedHashMap<>();
        punches.forEach(t -> unique.putIfAbsent(t.id(), t));
        List<Parked> parked = new ArrayList<>();
        List<Readable> readable = new ArrayList<>();
        int own = 0;
        for (Transaction t : unique.values()) {
            if (ownTerminalSn.equals(t.terminalSn())) {
                own++; // a gate event GateSync pushed, coming back
                continue;
            }
            PunchPolicy.Ruling ruling = policy.rule(t.state(), t.punchState(), t.terminalSn());
            String cnic = Cnic.isValid(t.empCode()) ? Cnic.parse(t.empCode()).value() : null;
            if (ruling.parked() != null) {
                parked.add(new Parked(t, cnic, ruling.parked(), ruling.why()));
                continue;
            }
            Instant time;
            try {
                time = clock.parse(t.punchTime());
            } catch (RuntimeException e) {
                parked.add(new Parked(t, cnic, ParkReason.UNREADABLE_TIME, "punch_time \"" + t.punchTime()
                        + "\" is in no layout GateSync reads"));
                continue;
            }
            if (cnic == null) {
                parked.add(new Parked(t, null, ParkReason.NOT_A_CNIC, "emp_code \"" + t.empCode() + "\" is not a "
                        + "CNIC, so no person can be found for it: give the employee their CNIC as emp_code in BioTime"));
                continue;
            }
            readable.add(new Readable(t, ruling.rule(), time, cnic));
        }
        Set<String> left = new HashSet<>();
        Map<String, Long> people = personIds(readable.stream().map(Readable::cnic).distinct().toList(), left);
        List<Punch> known = new ArrayList<>();
        for (Readable r : readable) {
            Long personId = people.get(r.cnic());
            if (personId == null) {
                parked.add(new Parked(r.source(), r.cnic(), ParkReason.UNKNOWN_PERSON, "no person with CNIC "
                        + r.cnic() + ": register them; the punch is imported within 10 minutes"));
            } else if (left.contains(r.cnic())) {
                parked.add(new Parked(r.source(), r.cnic(), ParkReason.PERSON_LEFT, "the person with CNIC "
                        + r.cnic() + " has left (status LEFT): if they are back, PUT /api/people/" + r.cnic()
                        + " with status ACTIVE; the punch is imported within 10 minutes"));
            } else {
                known.add(new Punch(r.source().id(), r.rule(), r.time(), personId, r.cnic(), r.source().terminalSn()));
            }
        }
        return new Page(unique.size(), own, known, parked);
    }

    private void park(List<Parked> parked) {
        parking.park(parked, policy.fingerprint());
        if (!parked.isEmpty()) {
            log.info("Attendance pull parked {} punch(es), e.g. {} ({}): {}", parked.size(), parked.get(0).punch().id(),
                    parked.get(0).reason(), parked.get(0).message());
        }
    }

    /**
     * The batch size that keeps every batch thread busy to the end: a page of 5,000 on 4 threads is 8 batches of 625
     * (two rounds), not 5 of 1,000 (the fifth alone in the second round); never above {@link #BATCH_SIZE}.
     */
    static int batchSize(int punches, int threads) {
        int rounds = Math.max(1, (punches + threads * BATCH_SIZE - 1) / (threads * BATCH_SIZE));
        int batches = threads * rounds;
        return Math.max(1, Math.min(BATCH_SIZE, (punches + batches - 1) / batches));
    }

    /**
     * The punches in batches of whole people (a person with more than a batch's worth is split), each person's in
     * BioTime order. The batches start at a place that differs from page to page, so imports of overlapping windows
     * starting together do not all queue for the same first people.
     */
    static List<List<Punch>> byPeople(List<Punch> punches) {
        return byPeople(punches, BATCH_SIZE);
    }

    /** The same, in batches of at most {@code size} punches. */
    static List<List<Punch>> byPeople(List<Punch> punches, int size) {
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
            if (!batch.isEmpty() && batch.size() + person.size() > size) {
                batches.add(batch);
                batch = new ArrayList<>();
            }
            for (Punch p : person) {
                if (batch.size() == size) {
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

    /**
     * Under the people's locks: the punches not pulled before are decided with the punches they depend on (a punch
     * already pulled whose decision changes is taken off the line first), then put on the line in time order.
     * A day-rule punch (alternate, first-in-last-out) depends on its person's day-rule punches of the whole day; an
     * entry or exit only on bounces, so on that person's entries and exits a few minutes around it
     * ({@link #BOUNCE_REACH}): the common path reads no more than the batch's own span.
     */
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
            return new BatchResult(0, duplicates, 0);
        }
        Map<Long, List<Stored>> stored = storedAround(fresh);
        Map<Long, Decision> decisions = new HashMap<>();
        List<Stored> changed = new ArrayList<>();
        Instant lo = null;
        Instant hi = null;
        for (Map.Entry<Long, List<Punch>> person : fresh.entrySet()) {
            Map<String, List<DayPunch>> groups = new HashMap<>(); // a day's day-rule punches, or the entries/exits
            Map<String, Instant[]> freshSpan = new HashMap<>();
            for (Punch p : person.getValue()) {
                String group = group(p.rule(), p.time());
                groups.computeIfAbsent(group, k -> new ArrayList<>()).add(new DayPunch(p.id(), p.time(),
                        p.terminalSn(), p.rule()));
                freshSpan.merge(group, new Instant[] { p.time(), p.time() }, (x, y) -> new Instant[] {
                    min(x[0], y[0]), max(x[1], y[1]) });
                lo = min(lo, p.time());
                hi = max(hi, p.time());
            }
            List<Stored> mine = stored.getOrDefault(person.getKey(), List.of());
            for (Stored st : mine) {
                List<DayPunch> group = groups.get(group(st.punch().rule(), st.punch().time()));
                if (group != null) {
                    group.add(st.punch());
                }
            }
            groups.values().forEach(group -> decisions.putAll(policy.decide(group)));
            for (Stored st : mine) {
                String group = group(st.punch().rule(), st.punch().time());
                Decision now = decisions.get(st.punch().id());
                Instant[] span = freshSpan.get(group);
                boolean dayRule = st.punch().rule() == Rule.ALTERNATE || st.punch().rule() == Rule.FIRST_IN_LAST_OUT;
                // an entry or exit read at the edge of its window may lack the punch before it: only those near the
                // new ones are decided again
                boolean near = dayRule || span != null && !st.punch().time().isBefore(span[0].minus(BOUNCE_REACH
                        .dividedBy(2))) && !st.punch().time().isAfter(span[1].plus(BOUNCE_REACH.dividedBy(2)));
                if (now != null && near && now != st.decision()) {
                    changed.add(st);
                    lo = min(lo, st.punch().time());
                    hi = max(hi, st.punch().time());
                }
            }
        }
        Map<Long, Timeline> lines = timelines(fresh, lo, hi);
        List<Object[]> newRows = new ArrayList<>();
        String storedAt = DbTime.now(); // the batch's rows are stored together
        List<Object[]> redecided = new ArrayList<>();
        Map<Long, List<Punch>> toApply = new HashMap<>();
        for (Stored st : changed) {
            Timeline line = lines.get(st.personId());
            Decision now = decisions.get(st.punch().id());
            st.decision().kind().ifPresent(k -> line.remove(st.punch().id()));
            if (now.kind().isPresent()) {
                toApply.computeIfAbsent(line.personId, k -> new ArrayList<>()).add(new Punch(st.punch().id(),
                        st.punch().rule(), st.punch().time(), line.personId, line.cnic, st.punch().terminalSn()));
            }
            redecided.add(new Object[] { now.name(), st.punch().id() });
        }
        int imported = 0;
        int folded = 0;
        for (Map.Entry<Long, List<Punch>> person : fresh.entrySet()) {
            Timeline line = lines.get(person.getKey());
            for (Punch p : person.getValue()) {
                Decision decision = decisions.get(p.id());
                if (decision.kind().isPresent() && (p.rule() == Rule.IN || p.rule() == Rule.OUT)
                        && line.claimPushInFlight(decision.kind().get(), p.time())) {
                    duplicates++; // a gate punch GateSync is pushing right now
                    continue;
                }
                newRows.add(new Object[] { p.id(), p.personId(), policy.day(p.time()).toString(),
                        DbTime.toDb(p.time()), p.terminalSn(), p.rule().name(), decision.name(), storedAt });
                if (decision.kind().isPresent()) {
                    toApply.computeIfAbsent(person.getKey(), k -> new ArrayList<>()).add(p);
                    imported++;
                } else {
                    folded++;
                }
            }
        }
        toApply.forEach((person, punches) -> {
            Timeline line = lines.get(person);
            punches.sort(Comparator.comparing(Punch::time).thenComparingLong(Punch::id));
            punches.forEach(p -> line.apply(decisions.get(p.id()).kind().get(), p.time(), p.id()));
        });
        write(lines.values());
        if (!newRows.isEmpty()) {
            batch(INSERT_PULLED, newRows);
        }
        if (!redecided.isEmpty()) {
            batch("UPDATE pulled_punches SET decision = ? WHERE transaction_id = ?", redecided);
        }
        return new BatchResult(imported, duplicates, folded);
    }

    /** How far around a new entry or exit its person's stored entries and exits are read for bounces. */
    static final Duration BOUNCE_REACH = Duration.ofMinutes(10);

    /** What a punch's decision depends on: a day-rule punch its day, an entry or exit its neighbours. */
    private String group(Rule rule, Instant time) {
        return rule == Rule.ALTERNATE || rule == Rule.FIRST_IN_LAST_OUT ? "day|" + policy.day(time) : "fixed";
    }

    private static Instant min(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }

    /**
     * The pulled punches the fresh ones' decisions depend on, by person: the day-rule punches of the days with a new
     * day-rule punch, and (bounces counted) the entries and exits within {@link #BOUNCE_REACH} of the new ones.
     */
    private Map<Long, List<Stored>> storedAround(Map<Long, List<Punch>> fresh) {
        Map<Long, List<Stored>> stored = new HashMap<>();
        Set<String> days = new HashSet<>();
        Set<Long> dayPeople = new HashSet<>();
        List<Object> spans = new ArrayList<>(); // around each run of a person's entries/exits: see addSpans
        for (Map.Entry<Long, List<Punch>> person : fresh.entrySet()) {
            List<Instant> fixed = new ArrayList<>();
            for (Punch p : person.getValue()) {
                if (p.rule() == Rule.ALTERNATE || p.rule() == Rule.FIRST_IN_LAST_OUT) {
                    days.add(policy.day(p.time()).toString());
                    dayPeople.add(person.getKey());
                } else if (policy.bounces()) {
                    fixed.add(p.time());
                }
            }
            addSpans(spans, person.getKey(), fixed);
        }
        if (!dayPeople.isEmpty()) {
            sql.sql("SELECT " + STORED + " FROM pulled_punches WHERE person_id IN (:ids) AND punch_day IN (:days) "
                    + "AND punch_rule IN ('ALTERNATE', 'FIRST_IN_LAST_OUT')").param("ids", List.copyOf(dayPeople))
                    .param("days", List.copyOf(days)).query((ResultSet rs) -> {
                        addStored(stored, rs);
                    });
        }
        // a range read per span on (person_id, punch_day, punch_time): a late upload among today's punches does not
        // read the month between them
        for (int from = 0; from < spans.size(); from += SPAN_VALUES * PEOPLE_PER_QUERY) {
            List<Object> some = spans.subList(from, Math.min(spans.size(), from + SPAN_VALUES * PEOPLE_PER_QUERY));
            sql.sql("SELECT " + STORED + " FROM pulled_punches WHERE punch_rule IN ('IN', 'OUT') AND ("
                    + String.join(" OR ", Collections.nCopies(some.size() / SPAN_VALUES, "(person_id = ? AND "
                            + "punch_day IN (?, ?) AND punch_time BETWEEN ? AND ?)")) + ")").params(some)
                    .query((ResultSet rs) -> {
                                addStored(stored, rs);
                            });
        }
        return stored;
    }

    private static final int SPAN_VALUES = 5;

    /**
     * The spans {@link #BOUNCE_REACH} around a person's times, joined where they meet, as person id, first and last
     * day, first and last time (a span is far shorter than a day, so it touches two days at most).
     */
    private void addSpans(List<Object> spans, long personId, List<Instant> times) {
        times.sort(null);
        Instant start = null;
        Instant end = null;
        for (Instant t : times) {
            if (end != null && t.minus(BOUNCE_REACH).isAfter(end)) {
                addSpan(spans, personId, start, end);
                start = null;
            }
            start = start == null ? t.minus(BOUNCE_REACH) : start;
            end = t.plus(BOUNCE_REACH);
        }
        if (start != null) {
            addSpan(spans, personId, start, end);
        }
    }

    private void addSpan(List<Object> spans, long personId, Instant start, Instant end) {
        spans.addAll(List.of(personId, policy.day(start).toString(), policy.day(end).toString(), DbTime.toDb(start),
                DbTime.toDb(end)));
    }

    private static final String STORED = "transaction_id, person_id, punch_time, terminal_sn, punch_rule, decision";

    private static void addStored(Map<Long, List<Stored>> stored, ResultSet rs) throws java.sql.SQLException {
        stored.computeIfAbsent(rs.getLong("person_id"), k -> new ArrayList<>()).add(new Stored(rs.getLong(
                "person_id"), new DayPunch(rs.getLong("transaction_id"), Rows.instant(rs, "punch_time"),
                        rs.getString("terminal_sn"), Rule.valueOf(rs.getString("punch_rule"))),
                Decision.valueOf(rs.getString("decision"))));
    }

    /**
     * Which of these BioTime ids were pulled before, or an entry log holds as its entry or its exit (GateSync's own
     * pushes, and punches pulled before the pull kept its punches).
     */
    private Set<Long> storedTransactions(List<Long> ids) {
        return new HashSet<>(sql.sql("SELECT transaction_id FROM pulled_punches WHERE transaction_id IN (:ids) "
                + "UNION ALL SELECT zkteco_transaction_id FROM entry_logs WHERE zkteco_transaction_id "
                + "IN (:ids) UNION ALL SELECT zkteco_exit_transaction_id FROM entry_logs "
                + "WHERE zkteco_exit_transaction_id IN (:ids)").param("ids", ids).query(Long.class).list());
    }

    /**
     * Each person's time line around the batch's time span [lo, hi]: every entry log with an entry or exit inside
     * it, and the ones holding the person's last entry and exit before it and first after it (with their ties). That
     * is all a punch inside the span needs to find its neighbours. Entries are found through (cnic, entry_time),
     * exits through (person_id, exit_time, …): index range reads only, however long a person's history.
     */
    private Map<Long, Timeline> timelines(Map<Long, List<Punch>> byPerson, Instant first, Instant last) {
        Map<Long, Timeline> lines = new HashMap<>();
        byPerson.forEach((person, punches) -> lines.put(person, new Timeline(person, punches.get(0).cnic())));
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

    /**
     * Deletes, then updates, then inserts: a punch moves only from a row it leaves empty (deleted) or from a stored row
     * to a new one, so the row it leaves must let go of its transaction id (unique) before another row takes it.
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
        List<Row> emptied = new ArrayList<>();
        lines.forEach(line -> emptied.addAll(line.emptied()));
        if (!emptied.isEmpty()) {
            // first: a punch taken off an emptied row may now be on another row, and its id is unique
            checkUpdated(emptied, batch(DELETE_PULLED, emptied.stream().map(r -> new Object[] { r.id,
                    r.storedTransactionId, r.storedExitTransactionId }).toList()));
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

    /** The people's ids by CNIC; those who have left (status LEFT) are added to {@code left} too. */
    private Map<String, Long> personIds(List<String> cnics, Set<String> left) {
        Map<String, Long> ids = new HashMap<>();
        for (int i = 0; i < cnics.size(); i += 1000) {
            sql.sql("SELECT id, cnic, status FROM people WHERE cnic IN (:cnics)")
                    .param("cnics", cnics.subList(i, Math.min(cnics.size(), i + 1000)))
                    .query((ResultSet rs) -> {
                        ids.put(rs.getString("cnic"), rs.getLong("id"));
                        if ("LEFT".equals(rs.getString("status"))) {
                            left.add(rs.getString("cnic"));
                        }
                    });
        }
        return ids;
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
