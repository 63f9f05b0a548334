package io.gatesync.worker.attendance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;
import java.util.function.Supplier;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.gatesync.common.time.DbTime;
import io.gatesync.worker.attendance.AttendanceModel.Visit;
import io.gatesync.worker.biotime.Transaction;

/** {@link AttendanceImporter} against a real migrated database: what each kind of punch does, and idempotency. */
class AttendanceImporterTest {

    private static final String DEVICE = "CQZ7233460217";

    @AutoClose
    private static AttendanceDatabase data;

    private static AttendanceImporter importer;
    private static final AtomicLong ids = new AtomicLong(1000);

    @BeforeAll
    static void start() {
        data = new AttendanceDatabase();
        importer = data.importer();
    }

    private static Transaction punch(String empCode, String time, String state) {
        return Transaction.of(ids.incrementAndGet(), empCode, time, state, DEVICE);
    }

    private static ImportCounts pull(Transaction... punches) {
        return importer.importPunches(List.of(punches));
    }

    private Visit visit(Transaction in, Transaction out) {
        return new Visit(
                in == null ? null : data.utc(in.punchTime()),
                out == null ? null : data.utc(out.punchTime()),
                in == null ? null : in.id(),
                out == null ? null : out.id());
    }

    private static List<String> people(int count) {
        List<String> people = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            people.add(data.person());
        }
        return people;
    }

    /** A check-in ({@code in}) or check-out at {@code time}, noted in {@code model} too. */
    private static Transaction punch(String cnic, Instant time, boolean in, List<AttendanceModel.Punch> model) {
        Transaction p = Transaction.of(ids.incrementAndGet(), cnic, data.clock.format(time), in ? "0" : "1", DEVICE);
        model.add(new AttendanceModel.Punch(cnic, time, p.id(), in));
        return p;
    }

    /**
     * {@code count} punches for each person, from {@code start} on, each {@code gap} after the one before; the i-th a
     * check-in if {@code in} says so. Noted in {@code model} too.
     */
    private static List<Transaction> punchesOf(
            List<String> people,
            Instant start,
            int count,
            Supplier<Duration> gap,
            IntPredicate in,
            List<AttendanceModel.Punch> model) {
        List<Transaction> punches = new ArrayList<>();
        for (String cnic : people) {
            Instant t = start;
            for (int i = 0; i < count; i++) {
                t = t.plus(gap.get());
                punches.add(punch(cnic, t, in.test(i), model));
            }
        }
        return punches;
    }

    /** The punches shuffled, cut into pages of 1 to {@code maxSize}, a quarter of them there twice. */
    private static List<List<Transaction>> shuffledPages(List<Transaction> punches, Random random, int maxSize) {
        Collections.shuffle(punches, random);
        List<List<Transaction>> pages = new ArrayList<>();
        for (int i = 0; i < punches.size(); ) {
            int size = 1 + random.nextInt(maxSize);
            List<Transaction> page = new ArrayList<>(punches.subList(i, Math.min(punches.size(), i + size)));
            pages.add(page);
            if (random.nextInt(4) == 0) {
                pages.add(page); // imported again, e.g. by an overlapping pull
            }
            i += size;
        }
        return pages;
    }

    /** Each page imported on one of four threads at once; the counts of every page. */
    private static List<ImportCounts> importConcurrently(AttendanceImporter importer, List<List<Transaction>> pages)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ImportCounts>> results = new ArrayList<>();
            for (List<Transaction> page : pages) {
                results.add(pool.submit(() -> importer.importPunches(page)));
            }
            List<ImportCounts> counts = new ArrayList<>();
            for (Future<ImportCounts> f : results) {
                counts.add(f.get());
            }
            return counts;
        } finally {
            pool.shutdown();
        }
    }

    /** Each person's entry logs are the visits the model makes of their punches. */
    private static void assertVisits(List<AttendanceModel.Punch> model, List<String> people, String label) {
        Map<String, List<Visit>> expected = AttendanceModel.visits(model);
        for (String cnic : people) {
            assertThat(data.visits(cnic)).as("%s, %s", label, cnic).isEqualTo(expected.get(cnic));
        }
    }

    @Test
    void checkInCreatesAnEntryLogFromBioTime() {
        String cnic = data.person();
        Transaction in = punch(cnic, "2026-10-01 08:00:00", "0");
        assertThat(pull(in)).isEqualTo(new ImportCounts(1, 1, 0, 0, 0));
        Map<String, Object> row = data.rows(cnic).get(0);
        assertThat(row.get("source")).isEqualTo("BIOTIME");
        assertThat(row.get("person_id")).isEqualTo(data.personId(cnic));
        assertThat(row.get("zkteco_transaction_id")).isEqualTo(in.id());
        assertThat(row.get("zkteco_synced")).isEqualTo(true);
        assertThat(row.get("zkteco_sync_time")).isNotNull();
        assertThat(row.get("exit_time")).isNull();
        assertThat(row.get("flag")).isNull();
        // 08:00 in Karachi (UTC+5) is 03:00 UTC, as every DATETIME is stored
        assertThat(data.visits(cnic))
                .containsExactly(new Visit(Instant.parse("2026-10-01T03:00:00Z"), null, in.id(), null));
    }

    @Test
    void theSamePunchTwiceIsOneEntryLog() {
        String cnic = data.person();
        Transaction in = punch(cnic, "2026-10-01 08:00:00", "0");
        Transaction out = punch(cnic, "2026-10-01 17:00:00", "1");
        assertThat(pull(in, in, out)).isEqualTo(new ImportCounts(2, 2, 0, 0, 0));
        assertThat(pull(in, out)).isEqualTo(new ImportCounts(2, 0, 2, 0, 0));
        assertThat(data.visits(cnic)).containsExactly(visit(in, out));
    }

    @Test
    void checkOutClosesTheOpenEntry() {
        String cnic = data.person();
        Transaction in = punch(cnic, "2026-10-02 08:00:00", "0");
        Transaction out = punch(cnic, "2026-10-02 17:30:00", "1");
        pull(in);
        pull(out);
        assertThat(data.visits(cnic)).containsExactly(visit(in, out));
        assertThat(data.rows(cnic)).hasSize(1);
    }

    @Test
    void anOvernightCheckOutClosesYesterdaysEntry() {
        String cnic = data.person();
        Transaction in = punch(cnic, "2026-10-03 22:00:00", "0");
        Transaction out = punch(cnic, "2026-10-04 06:10:00", "1");
        pull(in);
        pull(out);
        assertThat(data.visits(cnic)).containsExactly(visit(in, out));
    }

    @Test
    void checkOutWithoutEntryIsKeptAndFlagged() {
        String cnic = data.person();
        Transaction out = punch(cnic, "2026-10-05 17:00:00", "1");
        assertThat(pull(out).imported()).isEqualTo(1);
        Map<String, Object> row = data.rows(cnic).get(0);
        assertThat(row.get("entry_time")).isNull();
        assertThat(row.get("flag")).isEqualTo("EXIT_WITHOUT_ENTRY");
        assertThat(row.get("source")).isEqualTo("BIOTIME");
        assertThat(data.visits(cnic)).containsExactly(visit(null, out));
    }

    @Test
    void aSecondCheckOutAfterAVisitIsAnExitWithoutEntry() {
        String cnic = data.person();
        Transaction in = punch(cnic, "2026-10-05 08:00:00", "0");
        Transaction out = punch(cnic, "2026-10-05 17:00:00", "1");
        Transaction again = punch(cnic, "2026-10-05 17:00:05", "1");
        pull(in, out, again);
        assertThat(data.visits(cnic)).containsExactly(visit(in, out), visit(null, again));
    }

    @Test
    void anUnknownEmpCodeIsParkedWithItsReasonAndImportsNothing() {
        String nobody = "4210111111111";
        Transaction stranger = punch(nobody, "2026-10-06 08:00:00", "0");
        Transaction notACnic = punch("007", "2026-10-06 08:01:00", "1");
        assertThat(pull(stranger, notACnic)).isEqualTo(new ImportCounts(2, 0, 0, 2, 0));
        assertThat(data.db.queryForObject("SELECT COUNT(*) FROM entry_logs WHERE cnic = ?", Integer.class, nobody))
                .isZero();
        assertThat(parked(stranger))
                .containsEntry("reason", "UNKNOWN_PERSON")
                .containsEntry("cnic", nobody)
                .containsEntry("punch_time", "2026-10-06 08:00:00")
                .containsEntry("tries", 1);
        assertThat((String) parked(stranger).get("message")).contains("no person with CNIC " + nobody, "register");
        assertThat(parked(notACnic)).containsEntry("reason", "NOT_A_CNIC").containsEntry("emp_code", "007");

        pull(stranger, notACnic); // the next window's overlap reads them again: parked once, tried twice
        assertThat(data.db.queryForObject(
                        "SELECT COUNT(*) FROM parked_punches WHERE transaction_id IN (?, ?)",
                        Integer.class,
                        stranger.id(),
                        notACnic.id()))
                .isEqualTo(2);
        assertThat(parked(stranger)).containsEntry("tries", 2);
    }

    private static Map<String, Object> parked(Transaction punch) {
        return data.db.queryForMap("SELECT * FROM parked_punches WHERE transaction_id = ?", punch.id());
    }

    @Test
    void statesTwoToFiveAreParkedByDefaultAndUnknownStatesAlways() {
        String cnic = data.person();
        List<Transaction> others = List.of(
                punch(cnic, "2026-10-07 12:00:00", "2"),
                punch(cnic, "2026-10-07 13:00:00", "3"),
                punch(cnic, "2026-10-07 18:00:00", "4"),
                punch(cnic, "2026-10-07 20:00:00", "5"),
                punch(cnic, "2026-10-07 21:00:00", "9"));
        assertThat(importer.importPunches(others)).isEqualTo(new ImportCounts(5, 0, 0, 5, 0));
        assertThat(data.rows(cnic)).isEmpty();
        assertThat(others.subList(0, 4))
                .allSatisfy(t -> assertThat(parked(t)).containsEntry("reason", "STATE_SKIPPED"));
        assertThat((String) parked(others.get(0)).get("message")).contains("GATESYNC_PULL_OTHER_STATES=skip");
        assertThat(parked(others.get(4))).containsEntry("reason", "UNKNOWN_STATE");
        assertThat((String) parked(others.get(4)).get("message")).contains("punch_state \"9\"");
    }

    @Test
    void asEntryExitCountsReturnsAsEntriesAndLeavesAsExits() {
        AttendanceImporter lenient = data.importer(data.policy("as-entry-exit", "alternate", "", 3));
        String cnic = data.person();
        Transaction in = punch(cnic, "2026-10-08 08:00:00", "0");
        Transaction breakOut = punch(cnic, "2026-10-08 12:00:00", "2");
        Transaction breakIn = punch(cnic, "2026-10-08 13:00:00", "3");
        Transaction out = punch(cnic, "2026-10-08 17:00:00", "1");
        Transaction overtimeIn = punch(cnic, "2026-10-08 18:00:00", "4");
        Transaction overtimeOut = punch(cnic, "2026-10-08 21:00:00", "5");
        assertThat(lenient.importPunches(List.of(in, breakOut, breakIn, out, overtimeIn, overtimeOut)))
                .isEqualTo(new ImportCounts(6, 6, 0, 0, 0));
        assertThat(data.visits(cnic))
                .containsExactly(visit(in, breakOut), visit(breakIn, out), visit(overtimeIn, overtimeOut));
    }

    @Test
    void aPunchGateSyncPushedItselfChangesNothing() {
        String cnic = data.person();
        long personId = data.personId(cnic);
        long pushedIn = ids.incrementAndGet();
        long pushedOut = ids.incrementAndGet();
        // a gate visit whose punches GateSync pushed: BioTime's ids are recorded on the GATE row
        data.db.update(
                "INSERT INTO entry_logs (person_id, cnic, entry_time, exit_time, entry_gate, exit_gate, source, "
                        + "zkteco_synced, zkteco_transaction_id, zkteco_exit_transaction_id, entry_push_started_at, "
                        + "exit_push_started_at, created_at, updated_at) VALUES (?, ?, ?, ?, 'G1', 'G1', 'GATE', 1, ?, ?, ?, ?, "
                        + "?, ?)",
                personId,
                cnic,
                DbTime.toDb(data.utc("2026-10-09 08:00:00")),
                DbTime.toDb(data.utc("2026-10-09 17:00:00")),
                pushedIn,
                pushedOut,
                DbTime.now(),
                DbTime.now(),
                DbTime.now(),
                DbTime.now());
        // ... and GateSync is pushing another one right now, its id not recorded yet (manual logs keep no serial)
        data.db.update(
                "INSERT INTO entry_logs (person_id, cnic, entry_time, source, entry_push_started_at, "
                        + "created_at, updated_at) VALUES (?, ?, ?, 'GATE', ?, ?, ?)",
                personId,
                cnic,
                DbTime.toDb(data.utc("2026-10-09 18:00:00").plusMillis(250)),
                DbTime.now(),
                DbTime.now(),
                DbTime.now());
        List<Map<String, Object>> before = data.rows(cnic);

        ImportCounts counts = importer.importPunches(List.of(
                Transaction.of(pushedIn, cnic, "2026-10-09 08:00:00", "0", "GATESYNC"),
                Transaction.of(pushedOut, cnic, "2026-10-09 17:00:00", "1", "GATESYNC"),
                Transaction.of(ids.incrementAndGet(), cnic, "2026-10-09 17:00:00", "1", "GATESYNC"),
                Transaction.of(ids.incrementAndGet(), cnic, "2026-10-09 18:00:00", "0", "")));
        // recognised by id alone, whatever the serial number
        ImportCounts byId = importer.importPunches(List.of(
                Transaction.of(pushedIn, cnic, "2026-10-09 08:00:00", "0", DEVICE),
                Transaction.of(pushedOut, cnic, "2026-10-09 17:00:00", "1", DEVICE)));

        assertThat(counts).isEqualTo(new ImportCounts(4, 0, 4, 0, 0));
        assertThat(byId).isEqualTo(new ImportCounts(2, 0, 2, 0, 0));
        assertThat(data.rows(cnic)).isEqualTo(before);
    }

    @Test
    void aPulledCheckOutClosesAnOpenGateEntry() {
        String cnic = data.person();
        long pushedIn = ids.incrementAndGet();
        data.db.update(
                "INSERT INTO entry_logs (person_id, cnic, entry_time, entry_gate, source, zkteco_synced, "
                        + "zkteco_transaction_id, entry_push_started_at, created_at, updated_at) VALUES (?, ?, ?, 'G1', 'GATE', "
                        + "1, ?, ?, ?, ?)",
                data.personId(cnic),
                cnic,
                DbTime.toDb(data.utc("2026-10-10 08:00:00")),
                pushedIn,
                DbTime.now(),
                DbTime.now(),
                DbTime.now());
        Transaction out = punch(cnic, "2026-10-10 17:00:00", "1");
        pull(out);
        Map<String, Object> row = data.rows(cnic).get(0);
        assertThat(data.rows(cnic)).hasSize(1);
        assertThat(row.get("source")).isEqualTo("GATE");
        assertThat(row.get("entry_gate")).isEqualTo("G1");
        assertThat(row.get("zkteco_exit_transaction_id")).isEqualTo(out.id());
        assertThat(row.get("zkteco_synced")).as("both punches are in BioTime").isEqualTo(true);
        assertThat(data.visits(cnic))
                .containsExactly(
                        new Visit(data.utc("2026-10-10 08:00:00"), data.utc(out.punchTime()), pushedIn, out.id()));
    }

    @Test
    void anExitRecordedAtAGateStaysWhereTheGatePutIt() {
        String cnic = data.person();
        data.db.update(
                "INSERT INTO entry_logs (person_id, cnic, entry_time, exit_time, entry_gate, exit_gate, source, "
                        + "created_at, updated_at) VALUES (?, ?, ?, ?, 'G1', 'G2', 'GATE', ?, ?)",
                data.personId(cnic),
                cnic,
                DbTime.toDb(data.utc("2026-10-11 08:00:00")),
                DbTime.toDb(data.utc("2026-10-11 17:00:00")),
                DbTime.now(),
                DbTime.now());
        List<Map<String, Object>> gateRow = data.rows(cnic);
        Transaction in = punch(cnic, "2026-10-11 12:00:00", "0");
        pull(in);
        assertThat(data.rows(cnic)).hasSize(2).first().isEqualTo(gateRow.get(0));
        assertThat(data.visits(cnic)).contains(visit(in, null));
    }

    @Test
    void aCheckOutImportedBeforeItsCheckInEndsAsOneVisit() {
        String cnic = data.person();
        Transaction in = punch(cnic, "2026-10-12 08:00:00", "0");
        Transaction out = punch(cnic, "2026-10-12 17:00:00", "1");
        pull(out); // its chunk was imported first
        pull(in);
        assertThat(data.visits(cnic)).containsExactly(visit(in, out));
        assertThat(data.rows(cnic))
                .singleElement()
                .satisfies(r -> assertThat(r.get("flag")).isNull());
    }

    @Test
    void aLateCheckInTakesTheCheckOutThatFollowsIt() {
        String cnic = data.person();
        Transaction first = punch(cnic, "2026-10-13 08:00:00", "0");
        Transaction out = punch(cnic, "2026-10-13 17:00:00", "1");
        Transaction second = punch(cnic, "2026-10-13 12:00:00", "0");
        pull(first, out);
        pull(second);
        assertThat(data.visits(cnic)).containsExactly(visit(first, null), visit(second, out));
    }

    @Test
    void aLateCheckOutSplitsTheVisitItFallsIn() {
        String cnic = data.person();
        Transaction in = punch(cnic, "2026-10-14 08:00:00", "0");
        Transaction out = punch(cnic, "2026-10-14 17:00:00", "1");
        Transaction early = punch(cnic, "2026-10-14 12:00:00", "1");
        pull(in, out);
        pull(early);
        assertThat(data.visits(cnic)).containsExactly(visit(in, early), visit(null, out));
    }

    /**
     * Random punches (doubles, missing check-ins and ties included) cut into pages that are imported in any order,
     * some twice, by several threads at once: the entry logs are what importing them one by one in time order gives.
     */
    @Test
    void theResultDoesNotDependOnTheOrderOrOverlapOfImports() throws Exception {
        for (int round = 0; round < 3; round++) {
            Random random = new Random(round * 31L + 7);
            List<String> people = people(12);
            List<AttendanceModel.Punch> model = new ArrayList<>();
            List<Transaction> punches = punchesOf(
                    people,
                    data.utc("2026-10-20 00:00:00"),
                    40,
                    () -> Duration.ofMinutes(random.nextInt(4) * 30L), // ties happen
                    i -> random.nextInt(10) < (i % 2 == 0 ? 8 : 2), // mostly alternating
                    model);
            List<List<Transaction>> pages = shuffledPages(punches, random, 40);
            Collections.shuffle(pages, random);
            AttendanceImporter noBounce = data.importer(data.policy("skip", "alternate", "", 0)); // ties happen
            int imported = 0;
            for (ImportCounts counts : importConcurrently(noBounce, pages)) {
                imported += counts.imported();
            }
            assertThat(imported).as("each punch imported once").isEqualTo(punches.size());
            assertVisits(model, people, "round " + round);
        }
    }

    /**
     * One read's pages are stored side by side (a person's lane runs behind, the other lanes go on), with each
     * person's punches spread over many pages, out of time order: the entry logs are what importing them one by one
     * in time order gives, and the read's counts add up.
     */
    @Test
    void aReadsPagesOverlapYetEachPersonIsStoredInOrder() {
        Random random = new Random(11);
        List<String> people = people(30);
        List<AttendanceModel.Punch> model = new ArrayList<>();
        List<Transaction> punches = punchesOf(
                people,
                data.utc("2026-10-21 00:00:00"),
                30,
                () -> Duration.ofMinutes(1 + random.nextInt(90)),
                i -> i % 2 == 0,
                model);
        Collections.shuffle(punches, random);
        AttendanceImporter noBounce = data.importer(data.policy("skip", "alternate", "", 0));
        ImportCounts counts = noBounce.importRead(imported -> {}, pages -> {
                    for (int i = 0; i < punches.size(); i += 37) { // 25 pages: every person on most of them
                        pages.accept(punches.subList(i, Math.min(punches.size(), i + 37)));
                    }
                    return null;
                })
                .counts();

        assertThat(counts.seen()).isEqualTo(punches.size());
        assertThat(counts.imported()).as("each punch imported once").isEqualTo(punches.size());
        assertVisits(model, people, "one read");
    }

    /**
     * State 255 under each day policy, with some 0/1 punches and double taps, imported in shuffled pages (some twice)
     * by several threads, so late punches land among a day's punches already imported: the entry logs are what the
     * policy makes of each whole day, and every punch is taken once.
     */
    @Test
    void unknownStatesFollowTheDayPolicyWhateverOrderTheyArriveIn() throws Exception {
        for (String named : List.of("alternate", "first-in-last-out")) {
            PunchPolicy policy = data.policy("skip", named, "", 3);
            AttendanceImporter byPolicy = data.importer(policy);
            Random random = new Random(named.hashCode());
            List<String> people = people(8);
            List<Transaction> punches = new ArrayList<>();
            Map<String, List<PunchPolicy.DayPunch>> days = new java.util.HashMap<>();
            for (String cnic : people) {
                for (int d = 0; d < 3; d++) {
                    Instant t = data.utc("2026-11-0" + (d + 1) + " 06:00:00");
                    int count = 1 + random.nextInt(7);
                    for (int i = 0; i < count; i++) {
                        boolean tap = i > 0 && random.nextInt(6) == 0;
                        t = t.plusSeconds(tap ? 1 + random.nextInt(2) : 600 + random.nextInt(7200));
                        String terminal =
                                tap ? punches.get(punches.size() - 1).terminalSn() : random.nextBoolean() ? "T1" : "T2";
                        String state = random.nextInt(5) == 0 ? String.valueOf(random.nextInt(2)) : "255";
                        Transaction p =
                                Transaction.of(ids.incrementAndGet(), cnic, data.clock.format(t), state, terminal);
                        punches.add(p);
                        days.computeIfAbsent(cnic + "|" + d, k -> new ArrayList<>())
                                .add(new PunchPolicy.DayPunch(
                                        p.id(),
                                        t,
                                        terminal,
                                        policy.rule(p.state(), state, terminal).rule()));
                    }
                }
            }
            List<AttendanceModel.Punch> model = new ArrayList<>();
            Map<Long, PunchPolicy.Decision> decided = new java.util.HashMap<>();
            days.forEach((key, day) -> {
                String cnic = key.substring(0, key.indexOf('|'));
                policy.decide(day).forEach((id, decision) -> {
                    decided.put(id, decision);
                    PunchPolicy.DayPunch p =
                            day.stream().filter(x -> x.id() == id).findFirst().orElseThrow();
                    decision.kind()
                            .ifPresent(k -> model.add(new AttendanceModel.Punch(
                                    cnic,
                                    p.time().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                                    id,
                                    k == Timeline.Kind.IN)));
                });
            });
            int taken = 0;
            for (ImportCounts counts : importConcurrently(byPolicy, shuffledPages(punches, random, 12))) {
                taken += counts.imported() + counts.folded();
            }
            assertThat(taken).as("%s: each punch taken once", named).isEqualTo(punches.size());
            assertVisits(model, people, named);
            for (Transaction p : punches) {
                assertThat(data.decision(p.id()))
                        .as("%s: punch %d", named, p.id())
                        .isEqualTo(decided.get(p.id()).name());
            }
            assertThat(decided).as("the policy did decide").containsValue(PunchPolicy.Decision.OUT);
        }
    }

    @Test
    void aDoubleTapIsOneCheckInWhicheverTapArrivesFirst() {
        String cnic = data.person();
        Transaction first = punch(cnic, "2026-10-12 08:00:00", "0");
        Transaction second = punch(cnic, "2026-10-12 08:00:02", "0");
        Transaction out = punch(cnic, "2026-10-12 17:00:00", "1");
        assertThat(pull(second, out).imported()).isEqualTo(2); // the later tap came first: a visit of its own
        assertThat(pull(first)).isEqualTo(new ImportCounts(1, 1, 0, 0, 0));
        assertThat(data.visits(cnic)).as("the later tap is the bounce now").containsExactly(visit(first, out));
        assertThat(data.decision(second.id())).isEqualTo("BOUNCE");
        assertThat(data.db.queryForObject(
                        "SELECT COUNT(*) FROM pulled_punches WHERE transaction_id IN (?, ?)",
                        Integer.class,
                        first.id(),
                        out.id()))
                .as("an entry and an exit are kept on their entry log alone")
                .isZero();
        assertThat(data.rows(cnic))
                .singleElement()
                .satisfies(row -> assertThat(row)
                        .containsEntry("entry_terminal_sn", DEVICE)
                        .containsEntry("exit_terminal_sn", DEVICE));
    }

    /** Not a benchmark (those live in bench/): a rough figure for the common path, printed. */
    @Test
    void importsTwentyThousandPunchesInPages() {
        List<String> people = people(500);
        List<Transaction> punches = new ArrayList<>();
        Instant day = data.utc("2026-11-01 00:00:00");
        for (int d = 0; d < 20; d++) {
            for (int p = 0; p < people.size(); p++) {
                Instant in = day.plus(Duration.ofDays(d)).plusSeconds(8 * 3600 + p);
                punches.add(Transaction.of(ids.incrementAndGet(), people.get(p), data.clock.format(in), "0", DEVICE));
                punches.add(Transaction.of(
                        ids.incrementAndGet(),
                        people.get(p),
                        data.clock.format(in.plusSeconds(9 * 3600)),
                        "1",
                        DEVICE));
            }
        }
        punches.sort(java.util.Comparator.comparing(Transaction::punchTime).thenComparingLong(Transaction::id));
        long start = System.nanoTime();
        int imported = 0;
        for (int i = 0; i < punches.size(); i += 1000) {
            imported += importer.importPunches(punches.subList(i, Math.min(punches.size(), i + 1000)))
                    .imported();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "Imported %d punches in %.2f s: %.0f punches/s on one thread%n", imported, seconds, imported / seconds);
        assertThat(imported).isEqualTo(punches.size());
        assertThat(data.visits(people.get(0)))
                .hasSize(20)
                .allSatisfy(v -> assertThat(v.exit()).isNotNull());
    }
}
