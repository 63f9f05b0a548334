package io.gatesync.worker.attendance;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
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

import io.gatesync.common.db.CollisionRetry;
import io.gatesync.worker.attendance.ParkingList.Parked;
import io.gatesync.worker.attendance.PunchTriage.Page;
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
 * <p>
 * The parts: {@link PunchTriage} sorts a page (pure), {@link NeighbourhoodReader} reads what a batch needs under its
 * locks, {@link BatchDecisions} decides it and changes the {@link Timeline}s (pure), {@link ImportWriter} writes the
 * result. This class cuts the pages into batches, runs them ({@link Run}) and retries a batch that collided.
 */
public class AttendanceImporter {

    private static final Logger log = LoggerFactory.getLogger(AttendanceImporter.class);

    /**
     * Punches per transaction, at most: bounds how long a batch keeps its people locked. A batch holds whole people
     * (a page is cut by person, not by time), so imports of overlapping windows, which lock the same people, run
     * their batches side by side on different people instead of queueing for all of them.
     */
    static final int BATCH_SIZE = 1000;
    /** Pages of a read that may wait or be stored at once: the next is cut while the last is stored. */
    static final int PAGES_IN_FLIGHT = 2;

    private static final int ATTEMPTS = 6;

    /** A batch that collided (a unique key, a lock) was rolled back whole: it runs again, a few times. */
    private final CollisionRetry collisions = new CollisionRetry(
            ATTEMPTS,
            5,
            e -> e instanceof DuplicateKeyException || e instanceof ConcurrencyFailureException,
            (e, attempt) -> log.debug("Attendance batch collided ({}); trying again", e.getMessage()),
            last -> new ConcurrencyFailureException(
                    "Attendance import kept colliding with other writers (" + ATTEMPTS + " attempts): "
                            + last.getMessage(),
                    last),
            e -> new ConcurrencyFailureException("Interrupted while retrying an attendance batch", e));

    private final TransactionTemplate tx;
    private final PunchPolicy policy;
    private final ParkingList parking;
    private final PunchTriage triage;
    private final NeighbourhoodReader reads;
    private final ImportWriter writer;
    private final Executor batchRunner;
    private final int batchThreads;

    /**
     * @param batchRunner  runs a page's batches; they hold different people, so a pool imports them side by side (the
     *                     pool's size bounds the worker's import transactions, however many chunks run at once)
     * @param batchThreads the batch runner's threads: a page is cut into a multiple of that many batches
     */
    public AttendanceImporter(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactions,
            BioTimeClock clock,
            String ownTerminalSn,
            PunchPolicy policy,
            ParkingList parking,
            Executor batchRunner,
            int batchThreads) {
        this.batchRunner = batchRunner;
        this.batchThreads = batchThreads;
        this.tx = new TransactionTemplate(transactions);
        this.policy = policy;
        this.parking = parking;
        this.triage = new PunchTriage(ownTerminalSn, policy, clock);
        this.reads = new NeighbourhoodReader(JdbcClient.create(jdbc), policy);
        this.writer = new ImportWriter(jdbc);
    }

    /**
     * Which of these BioTime ids GateSync holds: taken by the pull (a {@code pulled_punches} row, or an entry or exit
     * kept on its entry log alone) or pushed by it. The importer's own test for a duplicate.
     */
    public Set<Long> stored(List<Long> transactionIds) {
        return reads.storedTransactions(transactionIds);
    }

    /** The state policy it imports by (the parking list's retries compare its fingerprint). */
    public PunchPolicy policy() {
        return policy;
    }

    private record BatchResult(int imported, int duplicates, int folded) {}

    /** Imports one page of punches. */
    public ImportCounts importPunches(List<Transaction> punches) {
        return importPunches(punches, imported -> {});
    }

    /**
     * The same, calling {@code counted} with each batch's number of imported punches inside the batch's
     * transaction, so a count kept there (a chunk's progress) matches what was committed, whatever fails later.
     */
    public ImportCounts importPunches(List<Transaction> punches, IntConsumer counted) {
        return importRead(counted, pages -> {
                    pages.accept(punches);
                    return null;
                })
                .counts();
    }

    /** What a read gave back, and what importing its pages did. */
    public record Imported<T>(T read, ImportCounts counts) {}

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
        private final ArrayDeque<List<CompletableFuture<BatchResult>>> pages = new ArrayDeque<>();
        private final CompletableFuture<?>[] lanes = new CompletableFuture<?>[batchThreads];
        private ImportCounts counts = ImportCounts.NONE;

        private Run(IntConsumer counted) {
            this.counted = counted;
            Arrays.fill(lanes, CompletableFuture.completedFuture(null));
        }

        /** Takes a page; throws a failure of an earlier batch rather than go on. */
        void add(List<Transaction> punches) {
            Page page = triage.sort(punches, reads);
            while (pages.size() >= PAGES_IN_FLIGHT) {
                sum(pages.removeFirst()); // throws the first failure
            }
            counts = counts.plus(
                    new ImportCounts(page.seen(), 0, page.own(), page.parked().size(), 0));
            Map<Integer, List<KnownPunch>> byLane = new TreeMap<>();
            for (KnownPunch p : page.known()) {
                byLane.computeIfAbsent((int) Math.floorMod(p.personId(), (long) lanes.length), k -> new ArrayList<>())
                        .add(p);
            }
            List<CompletableFuture<BatchResult>> started = new ArrayList<>();
            byLane.forEach((lane, punchesOfLane) -> {
                for (List<KnownPunch> batch : byPeople(punchesOfLane, batchSize(punchesOfLane.size(), 1))) {
                    // after the lane's last batch; a failed one fails the rest of its lane
                    CompletableFuture<BatchResult> next =
                            lanes[lane].thenApplyAsync(before -> importBatch(batch, counted), batchRunner);
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
            CompletableFuture.allOf(batches.toArray(CompletableFuture[]::new))
                    .exceptionally(failure -> null)
                    .join();
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

    private void park(List<Parked> parked) {
        parking.park(parked, policy.fingerprint());
        if (!parked.isEmpty()) {
            log.info(
                    "Attendance pull parked {} punch(es), e.g. {} ({}): {}",
                    parked.size(),
                    parked.get(0).punch().id(),
                    parked.get(0).reason(),
                    parked.get(0).message());
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
    static List<List<KnownPunch>> byPeople(List<KnownPunch> punches) {
        return byPeople(punches, BATCH_SIZE);
    }

    /** The same, in batches of at most {@code size} punches. */
    static List<List<KnownPunch>> byPeople(List<KnownPunch> punches, int size) {
        Map<Long, List<KnownPunch>> byPerson = new TreeMap<>();
        long lowestId = Long.MAX_VALUE;
        for (KnownPunch p : punches) {
            byPerson.computeIfAbsent(p.personId(), k -> new ArrayList<>()).add(p);
            lowestId = Math.min(lowestId, p.id());
        }
        List<List<KnownPunch>> batches = new ArrayList<>();
        List<KnownPunch> batch = new ArrayList<>();
        for (List<KnownPunch> person : byPerson.values()) {
            person.sort(Comparator.comparing(KnownPunch::time).thenComparingLong(KnownPunch::id));
            if (!batch.isEmpty() && batch.size() + person.size() > size) {
                batches.add(batch);
                batch = new ArrayList<>();
            }
            for (KnownPunch p : person) {
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

    private BatchResult importBatch(List<KnownPunch> batch, IntConsumer counted) {
        return collisions.run(() -> tx.execute(status -> {
            BatchResult result = importLocked(batch);
            if (result.imported() > 0) {
                counted.accept(result.imported());
            }
            return result;
        }));
    }

    /**
     * Under the people's locks: the punches not pulled before are decided with the punches they depend on
     * ({@link BatchDecisions}), put on their people's lines and written. The common path reads no more than the
     * batch's own span and the bounce reach around it.
     */
    private BatchResult importLocked(List<KnownPunch> batch) {
        reads.lock(batch.stream().map(KnownPunch::personId).distinct().sorted().toList());
        Set<Long> present =
                reads.storedTransactions(batch.stream().map(KnownPunch::id).toList());
        Map<Long, List<KnownPunch>> fresh = new TreeMap<>();
        for (KnownPunch p : batch) {
            if (!present.contains(p.id())) {
                fresh.computeIfAbsent(p.personId(), k -> new ArrayList<>()).add(p);
            }
        }
        int duplicates =
                batch.size() - fresh.values().stream().mapToInt(List::size).sum();
        if (fresh.isEmpty()) {
            return new BatchResult(0, duplicates, 0);
        }
        // the lines first, over the batch's span and the bounce reach around it: the entries and exits their entry
        // logs keep are the bounce neighbours too; read again only if a punch decided again lies further out
        Instant first = null;
        Instant last = null;
        for (List<KnownPunch> punches : fresh.values()) {
            for (KnownPunch p : punches) {
                first = first == null || p.time().isBefore(first) ? p.time() : first;
                last = last == null || p.time().isAfter(last) ? p.time() : last;
            }
        }
        Instant lo = first.minus(reads.reach());
        Instant hi = last.plus(reads.reach());
        Map<Long, Timeline> lines = reads.timelines(fresh, lo, hi);
        BatchDecisions decisions = BatchDecisions.decide(policy, fresh, reads.storedAround(fresh, lines));
        if (decisions.lo().isBefore(lo) || decisions.hi().isAfter(hi)) {
            lines = reads.timelines(
                    fresh,
                    decisions.lo().isBefore(lo) ? decisions.lo() : lo,
                    decisions.hi().isAfter(hi) ? decisions.hi() : hi);
        }
        ImportWriter.PulledRows rows = new ImportWriter.PulledRows(); // the batch's rows are stored together
        BatchDecisions.Counts counts = decisions.apply(lines, rows);
        writer.write(lines.values(), rows);
        return new BatchResult(counts.imported(), duplicates + counts.inFlight(), counts.folded());
    }
}
