package io.gatesync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.gatesync.common.db.Rows;
import io.gatesync.common.messaging.PullAttendanceCommand;
import io.gatesync.common.time.DbTime;
import io.gatesync.sim.transactions.NewPunch;
import io.gatesync.sim.transactions.Transaction;
import io.gatesync.sim.transactions.TransactionStore;
import io.gatesync.worker.attendance.AttendanceModel;
import io.gatesync.worker.attendance.AttendanceModel.Visit;

/**
 * The attendance pull end to end: 10,000 device punches in the simulator (some arriving while a chunk is being
 * paged), a manual pull cut into small chunks that two workers import in parallel, and the entry logs compared with
 * the punches, visit by visit. Pulling again, twice at once and overlapping, adds nothing; neither do the gate
 * events GateSync pushed itself when they are pulled back.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AttendancePullTest {

    private static final ZoneId SITE = ZoneId.of("Asia/Karachi");
    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 10, 1);
    private static final int DAYS = 24;
    private static final int PEOPLE = 200;
    private static final int PUNCHES = 10_000;

    @AutoClose
    private static Stack stack;

    private static final List<String> people = new ArrayList<>();
    private static List<Map<String, Object>> afterFirstPull;
    private static long firstRun;

    @BeforeAll
    static void start() {
        // Small pages, so the busy chunks page (and the insert-while-paging fault fires); a budget that lets the
        // pages through quickly; no periodic jobs, so only the pulls of this test run.
        stack = new Stack(
                2,
                "--zkteco.page-size=100",
                "--zkteco.rate-limit=1000",
                "--zkteco.max-in-flight=16",
                "--zkteco.timezone=" + SITE,
                "--zkteco.auto-sync=false",
                "--gatesync.pull.bounce-seconds=0"); // the model pairs every punch; bounces are PunchPolicyTest's
    }

    @Test
    @Order(1)
    void tenThousandPunchesBecomeExactlyTheEntryLogsTheyDescribe() {
        Random random = new Random(20261124);
        createPeople();
        List<NewPunch> punches = devicePunches(random);
        assertThat(punches).hasSize(PUNCHES);
        Collections.shuffle(punches, random); // BioTime ids need not follow punch times
        TransactionStore store = stack.sim.getBean(TransactionStore.class);
        punches.forEach(store::add);
        // three more check-ins of one person arrive while some chunk is read past its first page
        stack.faults(Map.of("insertWhilePaging", Map.of("count", 3, "empCode", people.get(0))));

        long started = System.nanoTime();
        firstRun =
                pull(FIRST_DAY.atStartOfDay(SITE), FIRST_DAY.plusDays(DAYS + 1).atStartOfDay(SITE), 180);
        Map<String, Object> run = awaitDone(firstRun, Duration.ofMinutes(4));
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf(
                "Attendance pull: %s punches seen, %s imported, %s chunks in %.1f s (%.0f punches/s)%n",
                run.get("punchesSeen"),
                run.get("punchesImported"),
                run.get("chunksTotal"),
                seconds,
                ((Number) run.get("punchesSeen")).intValue() / seconds);

        List<Transaction> inBioTime = store.all();
        assertThat(inBioTime).as("the simulator inserted while paging").hasSize(PUNCHES + 3);
        List<AttendanceModel.Punch> importable = importable(inBioTime);
        Map<String, List<Visit>> expected = AttendanceModel.visits(importable);
        Map<String, List<Visit>> actual = entryLogs();
        assertThat(actual.values().stream().mapToInt(List::size).sum())
                .as("entry logs")
                .isEqualTo(expected.values().stream().mapToInt(List::size).sum());
        assertThat(actual).isEqualTo(expected);
        assertThat(run)
                .containsEntry("status", "DONE")
                .containsEntry("chunksFailed", 0)
                .containsEntry("punchesSeen", PUNCHES + 3)
                .containsEntry("punchesImported", importable.size());
        assertThat(run.get("chunksDone")).isEqualTo(run.get("chunksTotal"));
        assertThat(stack.db.queryForObject(
                        "SELECT COUNT(*) FROM entry_logs WHERE source <> 'BIOTIME' "
                                + "OR zkteco_synced = 0 OR (entry_time IS NULL) <> (flag <=> 'EXIT_WITHOUT_ENTRY')",
                        Integer.class))
                .isZero();

        // unknown emp_codes and break/overtime punches (skipped by default) wait in the parking list, once each
        long leftOut = inBioTime.stream()
                .filter(t -> !people.contains(t.empCode()) || t.punchState() > 1)
                .count();
        assertThat(leftOut).isEqualTo(200);
        assertThat(parked()).isEqualTo(leftOut);
        afterFirstPull = stack.db.queryForList("SELECT * FROM entry_logs ORDER BY id");
    }

    @Test
    @Order(2)
    void pullingAgainTwiceAtOnceAndOverlappingAddsNothing() {
        long again =
                pull(FIRST_DAY.atStartOfDay(SITE), FIRST_DAY.plusDays(DAYS + 1).atStartOfDay(SITE), 120);
        long half = pull(
                FIRST_DAY.plusDays(6).atStartOfDay(SITE).plusHours(5),
                FIRST_DAY.plusDays(18).atStartOfDay(SITE),
                60);
        Map<String, Object> againRun = awaitDone(again, Duration.ofMinutes(4));
        Map<String, Object> halfRun = awaitDone(half, Duration.ofMinutes(4));
        assertThat(againRun).containsEntry("punchesSeen", PUNCHES + 3).containsEntry("punchesImported", 0);
        assertThat(halfRun).containsEntry("punchesImported", 0);
        assertThat(((Number) halfRun.get("punchesSeen")).intValue()).isPositive();
        assertThat(stack.db.queryForList("SELECT * FROM entry_logs ORDER BY id"))
                .isEqualTo(afterFirstPull);
        assertThat(parked()).as("left-out punches are parked once").isEqualTo(200);
    }

    @Test
    @Order(3)
    void aRedeliveredChunkCommandChangesNothing() {
        long chunk = stack.db.queryForObject("SELECT MIN(id) FROM pull_chunks WHERE run_id = ?", Long.class, firstRun);
        Map<String, Object> before = run(firstRun);
        stack.publish(new PullAttendanceCommand("again-chunk-" + chunk, chunk, Instant.now()));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> stack
                        .db
                        .queryForList(
                                "SELECT message FROM " + "zkteco_sync_logs WHERE command_id = ?",
                                String.class,
                                "again-chunk-" + chunk)
                        .stream()
                        .anyMatch(m -> m.contains("already imported")));
        assertThat(run(firstRun)).isEqualTo(before);
        assertThat(stack.db.queryForList("SELECT * FROM entry_logs ORDER BY id"))
                .isEqualTo(afterFirstPull);
    }

    @Test
    @Order(4)
    void gateEventsGateSyncPushedAndPullsBackAddNothing() {
        String cnic = String.format("%013d", 3_520_200_000_000L + new Random().nextInt(1_000_000));
        stack.putPerson(cnic, Map.of("name", "Gate Person"));
        LocalDate day = FIRST_DAY.plusDays(DAYS + 3);
        gateEvent(cnic, "ENTRY", day.atTime(9, 0).atZone(SITE).toInstant());
        gateEvent(cnic, "EXIT", day.atTime(17, 30).atZone(SITE).toInstant());
        await().atMost(Duration.ofSeconds(60))
                .until(() -> stack.db.queryForObject(
                                "SELECT COUNT(*) FROM entry_logs "
                                        + "WHERE cnic = ? AND zkteco_synced = 1 AND zkteco_exit_transaction_id IS NOT NULL",
                                Integer.class,
                                cnic)
                        == 1);
        List<Map<String, Object>> before = stack.db.queryForList("SELECT * FROM entry_logs ORDER BY id");

        Map<String, Object> run =
                awaitDone(pull(day.atStartOfDay(SITE), day.plusDays(1).atStartOfDay(SITE), 60), Duration.ofMinutes(2));

        assertThat(run).containsEntry("punchesSeen", 2).containsEntry("punchesImported", 0);
        assertThat(stack.db.queryForList("SELECT * FROM entry_logs ORDER BY id"))
                .isEqualTo(before);
    }

    // ---- the punches ----

    private static void createPeople() {
        Random random = new Random(7);
        Set<String> cnics = new HashSet<>();
        while (cnics.size() < PEOPLE) {
            cnics.add(String.format("%013d", 3_520_100_000_000L + random.nextInt(100_000_000)));
        }
        people.addAll(new java.util.TreeSet<>(cnics));
        stack.db.batchUpdate(
                "INSERT INTO people (cnic, name, created_at, updated_at) VALUES (?, ?, ?, ?)",
                people.stream()
                        .map(c -> new Object[] {c, "Worker " + c.substring(8), DbTime.now(), DbTime.now()})
                        .toList());
    }

    /**
     * A day shift (in 07:00–10:00, out 16:00–19:00) or a night shift (in 21:00–23:00, out 05:00–07:00 the next
     * day) per person and day; then 100 double check-outs, 100 second check-ins, 100 break/overtime punches, 50
     * punches of CNICs nobody registered and 50 of emp_codes that are no CNIC. Times are unique to the second.
     */
    private static List<NewPunch> devicePunches(Random random) {
        List<NewPunch> punches = new ArrayList<>();
        Set<LocalDateTime> used = new HashSet<>();
        for (int p = 0; p < PEOPLE; p++) {
            boolean night = p % 5 == 0;
            for (int d = 0; d < DAYS; d++) {
                LocalDateTime day = FIRST_DAY.plusDays(d).atStartOfDay();
                LocalDateTime in = night
                        ? day.plusHours(21).plusSeconds(random.nextInt(2 * 3600))
                        : day.plusHours(7).plusSeconds(random.nextInt(3 * 3600));
                LocalDateTime out = night
                        ? day.plusDays(1).plusHours(5).plusSeconds(random.nextInt(2 * 3600))
                        : day.plusHours(16).plusSeconds(random.nextInt(3 * 3600));
                punches.add(device(people.get(p), unique(used, in), 0));
                punches.add(device(people.get(p), unique(used, out), 1));
            }
        }
        for (int i = 0; i < 100; i++) {
            String person = people.get(random.nextInt(PEOPLE));
            LocalDateTime day = FIRST_DAY.plusDays(random.nextInt(DAYS)).atStartOfDay();
            punches.add(device(person, unique(used, day.plusHours(19).plusMinutes(random.nextInt(60))), 1));
            punches.add(device(
                    people.get(random.nextInt(PEOPLE)),
                    unique(used, day.plusHours(12).plusMinutes(random.nextInt(60))),
                    0));
            punches.add(device(
                    people.get(random.nextInt(PEOPLE)),
                    unique(used, day.plusHours(13).plusMinutes(random.nextInt(60))),
                    2 + random.nextInt(4)));
        }
        for (int i = 0; i < 50; i++) {
            LocalDateTime day = FIRST_DAY.plusDays(random.nextInt(DAYS)).atStartOfDay();
            punches.add(device(String.format("%013d", 9_000_000_000_000L + i), unique(used, day.plusHours(10)), 0));
            punches.add(device("EMP" + i, unique(used, day.plusHours(11)), i % 2));
        }
        return punches;
    }

    private static NewPunch device(String empCode, LocalDateTime time, int state) {
        return NewPunch.device(empCode, null, time, state, "CQZ" + (1000 + Math.abs(empCode.hashCode() % 7)));
    }

    private static LocalDateTime unique(Set<LocalDateTime> used, LocalDateTime time) {
        LocalDateTime t = time;
        while (!used.add(t)) {
            t = t.plusSeconds(1);
        }
        return t;
    }

    /** The punches that should become entry logs: registered people's check-ins and check-outs. */
    private static List<AttendanceModel.Punch> importable(List<Transaction> punches) {
        Set<String> known = Set.copyOf(people);
        return punches.stream()
                .filter(t -> known.contains(t.empCode()) && t.punchState() <= 1)
                .map(t -> new AttendanceModel.Punch(
                        t.empCode(), t.punchTime().atZone(SITE).toInstant(), t.id(), t.punchState() == 0))
                .toList();
    }

    // ---- the api and the database ----

    private static long pull(java.time.ZonedDateTime from, java.time.ZonedDateTime to, int chunkMinutes) {
        Map<?, ?> started = stack.startRun(
                "/zkteco/pull-attendance",
                Map.of(
                        "from",
                        from.toOffsetDateTime().toString(),
                        "to",
                        to.toOffsetDateTime().toString(),
                        "chunkMinutes",
                        chunkMinutes));
        assertThat((String) started.get("statusUrl")).isEqualTo("/zkteco/pull-attendance/" + started.get("runId"));
        return ((Number) started.get("runId")).longValue();
    }

    private static Map<String, Object> run(long runId) {
        return stack.getJson("/zkteco/pull-attendance/{id}", runId);
    }

    private static Map<String, Object> awaitDone(long runId, Duration atMost) {
        await().atMost(atMost)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> !"RUNNING".equals(run(runId).get("status")));
        return run(runId);
    }

    private static void gateEvent(String cnic, String direction, Instant time) {
        stack.postEvent("pull-" + cnic + "-" + direction, cnic, direction, time, "G1");
    }

    private static Map<String, List<Visit>> entryLogs() {
        Map<String, List<Visit>> byPerson = stack
                .db
                .query(
                        "SELECT cnic, entry_time, exit_time, "
                                + "zkteco_transaction_id, zkteco_exit_transaction_id FROM entry_logs",
                        (rs, n) -> Map.entry(
                                rs.getString("cnic"),
                                new Visit(
                                        Rows.instant(rs, "entry_time"),
                                        Rows.instant(rs, "exit_time"),
                                        Rows.nullableLong(rs, "zkteco_transaction_id"),
                                        Rows.nullableLong(rs, "zkteco_exit_transaction_id"))))
                .stream()
                .collect(Collectors.groupingBy(
                        Map.Entry::getKey, TreeMap::new, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        byPerson.replaceAll((cnic, visits) -> AttendanceModel.ordered(visits));
        return byPerson;
    }

    private static long parked() {
        return stack.db.queryForObject("SELECT COUNT(*) FROM parked_punches", Long.class);
    }
}
