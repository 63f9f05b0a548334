package io.gatesync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;

/**
 * Each punch channel against a simulator that keeps a real BioTime's rules (one punch per person and second, punches
 * count only when linked to their employee, manual logs wait for approval, a self-added terminal is Not Authorized):
 * 200 people, 2,000 gate events of which a tenth are an entry and its exit in the same second, and a fifth of the
 * BioTime answers to writes lost on the way (BioTime stored the punch, GateSync never heard). Every punch must end in
 * BioTime exactly once, linked, counted by the attendance report, with nothing sent twice and no dead letter.
 */
class RealServerRulesTest {

    private static final ParameterizedTypeReference<List<Map<String, Object>>> ROWS =
            new ParameterizedTypeReference<>() {};
    private static final ZoneId SITE = ZoneId.of("Asia/Karachi");
    private static final DateTimeFormatter BIOTIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final int PEOPLE = 200;
    private static final int VISITS = 5;

    @Test
    void transactionApiPunchesCountOnceEach() {
        everyPunchCountsOnce("transaction-api");
    }

    @Test
    void manualLogPunchesCountOnceEachOnceApproved() {
        everyPunchCountsOnce("manual-log");
    }

    @Test
    void admsPunchesCountOnceEach() {
        everyPunchCountsOnce("adms");
    }

    /**
     * A punch someone created in BioTime by hand, in the second of a gate's exit with another state: BioTime keeps one
     * of them, so the exit ends as one PUNCH_CONFLICT dead letter for an operator, and nothing else changes.
     */
    @Test
    void aPunchCreatedByHandInTheSameSecondIsOnePunchConflict() {
        try (Stack stack = stack("transaction-api")) {
            String cnic = newPerson(stack);
            Instant in = Instant.parse("2026-11-10T04:00:00.250Z");
            Instant out = Instant.parse("2026-11-10T12:00:00.400Z");
            stack.addPunches(List.of(
                    Map.of("emp_code", cnic, "punch_time", biotime(out), "punch_state", 0, "terminal_sn", "HR-DESK1")));
            stack.postEvents(List.of(event(cnic, "ENTRY", in), event(cnic, "EXIT", out)));

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> deadLetters(stack).size() == 1);
            assertThat(deadLetters(stack)).singleElement().satisfies(d -> {
                assertThat(d.get("reason")).isEqualTo("PUNCH_CONFLICT");
                assertThat((String) d.get("last_error"))
                        .contains("not sent by GateSync")
                        .contains("at " + biotime(out));
            });
            // the gate's check-in went in; the second of the exit still holds the hand-made punch only
            assertThat(simRows(stack, "/sim/transactions", Set.of(cnic)))
                    .extracting(p -> p.get("punch_time") + "/" + p.get("punch_state") + "/" + p.get("terminal_sn"))
                    .containsExactlyInAnyOrder(biotime(in) + "/0/GATESYNC", biotime(out) + "/0/HR-DESK1");
            assertThat(syncedLogs(stack, cnic)).isZero();
        }
    }

    /**
     * A person leaves and comes back in the same second through two gates: the second entry log's check-in cannot
     * share its second with the first one's check-out, so it goes one second later; nothing is a conflict.
     */
    @Test
    void anExitAndTheNextEntryInOneSecondBothArriveOneSecondApart() {
        try (Stack stack = stack("transaction-api")) {
            String cnic = newPerson(stack);
            Instant firstIn = Instant.parse("2026-11-11T04:00:00Z");
            Instant out = Instant.parse("2026-11-11T06:00:00.100Z");
            Instant backIn = Instant.parse("2026-11-11T06:00:00.900Z");
            stack.postEvents(
                    List.of(event(cnic, "ENTRY", firstIn), event(cnic, "EXIT", out), event(cnic, "ENTRY", backIn)));
            await().atMost(Duration.ofSeconds(60)).until(() -> syncedLogs(stack, cnic) == 2);
            assertThat(simRows(stack, "/sim/transactions", Set.of(cnic)))
                    .extracting(p -> p.get("punch_time") + "/" + p.get("punch_state"))
                    .containsExactlyInAnyOrder(
                            biotime(firstIn) + "/0", biotime(out) + "/1", biotime(out.plusSeconds(1)) + "/0");
            assertThat(deadLetters(stack)).isEmpty();
        }
    }

    private static void everyPunchCountsOnce(String channel) {
        try (Stack stack = stack(channel)) {
            Random random = new Random(channel.hashCode());
            List<String> cnics = new ArrayList<>();
            for (int p = 0; p < PEOPLE; p++) {
                cnics.add(Traffic.newCnic());
            }
            stack.faults(Map.of("dropReplyRate", 0.2));
            cnics.forEach(cnic -> putPerson(stack, cnic));

            List<Map<String, String>> events = new ArrayList<>();
            Map<String, Integer> sameSecond = new HashMap<>(); // cnic → visits whose exit shares the entry's second
            Set<String> expected = new HashSet<>();
            Instant day = Instant.parse("2026-11-02T03:00:00Z");
            for (int v = 0; v < VISITS; v++) {
                for (int p = 0; p < PEOPLE; p++) {
                    String cnic = cnics.get(p);
                    Instant in = day.plusSeconds(86_400L * v + 60L * p).plusMillis(random.nextInt(500));
                    boolean quick = random.nextInt(10) == 0;
                    Instant out = quick ? in.plusMillis(300) : in.plusSeconds(8 * 3600 + random.nextInt(3600));
                    events.add(event(cnic, "ENTRY", in));
                    events.add(event(cnic, "EXIT", out));
                    expected.add(cnic + "/" + biotime(in) + "/0");
                    // BioTime keeps one punch per person and second: a same-second exit goes a second later
                    expected.add(cnic + "/" + biotime(quick ? out.plusSeconds(1) : out) + "/1");
                    if (quick) {
                        sameSecond.merge(cnic, 1, Integer::sum);
                    }
                }
            }
            assertThat(events).hasSize(2000);
            assertThat(sameSecond.values().stream().mapToInt(Integer::intValue).sum())
                    .isGreaterThan(50);
            stack.postEvents(events);

            String in = Traffic.sqlList(cnics);
            await().atMost(Duration.ofMinutes(4))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> stack.db.queryForObject(
                                    "SELECT COUNT(*) FROM entry_logs WHERE zkteco_synced = 1 AND cnic IN (" + in + ")",
                                    Integer.class)
                            == PEOPLE * VISITS);
            stack.clearFaults();

            Set<String> mine = Set.copyOf(cnics);
            if (channel.equals("manual-log")) {
                assertThat(((Number) stack.simStats().get("manualLogs")).intValue())
                        .as("manual logs")
                        .isEqualTo(2000);
                assertThat(simRows(stack, "/sim/attendance", mine))
                        .as("pending manual logs count for nothing")
                        .isEmpty();
                stack.simClient
                        .post()
                        .uri("/sim/manuallogs/approve")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of())
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody(Void.class); // HR approves
            } else {
                List<Map<String, Object>> punches = simRows(stack, "/sim/transactions", mine);
                assertThat(punches)
                        .as("every punch linked to its employee")
                        .allSatisfy(p -> assertThat(p.get("emp")).isNotNull());
                assertThat(punches.stream()
                                .map(p -> p.get("emp_code") + "/" + p.get("punch_time") + "/" + p.get("punch_state"))
                                .collect(Collectors.toSet()))
                        .isEqualTo(expected);
                assertThat(punches).hasSize(2000);
                Set<Long> recorded = new HashSet<>(stack.db.queryForList(
                        "SELECT zkteco_transaction_id FROM entry_logs "
                                + "WHERE cnic IN (" + in
                                + ") UNION ALL SELECT zkteco_exit_transaction_id FROM entry_logs "
                                + "WHERE cnic IN (" + in + ")",
                        Long.class));
                assertThat(recorded)
                        .as("each entry log holds its punches' BioTime ids")
                        .isEqualTo(punches.stream()
                                .map(p -> ((Number) p.get("id")).longValue())
                                .collect(Collectors.toSet()));
            }
            List<Map<String, Object>> counted = simRows(stack, "/sim/attendance", mine);
            assertThat(counted.stream()
                            .map(p -> p.get("emp_code") + "/" + p.get("punch_time") + "/" + p.get("punch_state"))
                            .collect(Collectors.toSet()))
                    .as("counted by the attendance report")
                    .isEqualTo(expected);
            assertThat(((Number) stack.simStats().get("duplicatesRefused")).intValue())
                    .as("punches sent twice")
                    .isZero();
            assertThat(deadLetters(stack))
                    .as("dead letters (PUNCH_CONFLICT or any)")
                    .isEmpty();
            assertThat(stack.db.queryForObject(
                            "SELECT COALESCE(SUM(exit_punch_shift), 0) FROM entry_logs WHERE cnic " + "IN (" + in + ")",
                            Integer.class))
                    .as("exits moved a second")
                    .isEqualTo(sameSecond.values().stream()
                            .mapToInt(Integer::intValue)
                            .sum());
        }
    }

    private static Stack stack(String channel) {
        return new Stack(
                2,
                List.of(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2)),
                "--zkteco.punch-channel=" + channel,
                "--zkteco.timezone=Asia/Karachi",
                "--zkteco.rate-limit=300",
                "--zkteco.max-in-flight=24",
                "--zkteco.read-timeout=3s",
                "--gatesync.retry.max-outage-attempts=50");
    }

    private static Map<String, String> event(String cnic, String direction, Instant time) {
        return Stack.event(
                direction + "-" + cnic + "-" + time.toEpochMilli(),
                cnic,
                direction,
                time,
                "G-" + (direction.equals("ENTRY") ? 1 : 2));
    }

    /** A person registered through the api, new to BioTime; their CNIC. */
    private static String newPerson(Stack stack) {
        String cnic = Traffic.newCnic();
        putPerson(stack, cnic);
        return cnic;
    }

    /** How many of the person's entry logs are synced to BioTime. */
    private static int syncedLogs(Stack stack, String cnic) {
        return stack.db.queryForObject(
                "SELECT COUNT(*) FROM entry_logs WHERE cnic = ? AND zkteco_synced = 1", Integer.class, cnic);
    }

    private static void putPerson(Stack stack, String cnic) {
        stack.putPerson(cnic, Map.of("name", "Person " + cnic.substring(9), "phone", "+92 300 1234567"));
    }

    private static String biotime(Instant t) {
        return BIOTIME.format(LocalDateTime.ofInstant(t, SITE));
    }

    private static List<Map<String, Object>> simRows(Stack stack, String path, Set<String> cnics) {
        return stack.simRows(path).stream()
                .filter(r -> cnics.contains((String) r.get("emp_code")))
                .toList();
    }

    private static List<Map<String, Object>> deadLetters(Stack stack) {
        return stack.db.queryForList("SELECT reason, last_error FROM dead_letters");
    }
}
