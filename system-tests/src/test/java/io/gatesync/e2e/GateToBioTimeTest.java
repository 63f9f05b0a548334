package io.gatesync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The foundation's promise, end to end: a person and their gate events reach BioTime as exactly one employee and
 * one punch per event, with two workers competing for the commands.
 */
class GateToBioTimeTest {

    private static final String ENTRY_SYNC = "entry-sync";
    private static final String ATTENDANCE_PULL = "attendance-pull";

    @AutoClose
    private static Stack stack;

    @BeforeAll
    static void start() {
        stack = new Stack(2, "--zkteco.timezone=Asia/Karachi");
    }

    private static void putPerson(String cnic, String name) {
        stack.putPerson(cnic, Map.of("name", name, "phone", "+92 300 1234567"));
    }

    private static void postEvent(String eventId, String cnic, String direction, Instant time) {
        stack.postEvent(eventId, cnic, direction, time, "G-7");
    }

    private static List<Map<String, Object>> simRowsOf(String path, String cnic) {
        return stack.simRows(path).stream()
                .filter(r -> cnic.equals(r.get("emp_code")))
                .toList();
    }

    @Test
    void aPersonAndTheirEntryAndExitReachBioTimeOnce() {
        String cnic = Traffic.newCnic();
        putPerson(cnic, "Ali Raza Khan");
        postEvent("e2e-in-" + cnic, cnic, "ENTRY", Instant.parse("2026-11-24T04:00:00Z"));
        postEvent("e2e-out-" + cnic, cnic, "EXIT", Instant.parse("2026-11-24T12:30:00Z"));

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> stack.entryLogs(cnic)
                        .jsonPath("$.content[0].zktecoSynced")
                        .isEqualTo(true)
                        .jsonPath("$.content[0].zktecoTransactionId")
                        .isNotEmpty()
                        .jsonPath("$.content[0].zktecoExitTransactionId")
                        .isNotEmpty());

        List<Map<String, Object>> employees = simRowsOf("/sim/employees", cnic);
        assertThat(employees).hasSize(1);
        assertThat(employees.get(0))
                .containsEntry("first_name", "Ali")
                .containsEntry("last_name", "Raza Khan")
                .containsEntry("mobile", "+923001234567")
                .containsEntry("email", cnic + "@gatesync.local");

        List<Map<String, Object>> punches = simRowsOf("/sim/transactions", cnic);
        assertThat(punches)
                .extracting(p -> p.get("punch_time") + "/" + p.get("punch_state"))
                .containsExactlyInAnyOrder("2026-11-24 09:00:00/0", "2026-11-24 17:30:00/1"); // Asia/Karachi, UTC+5

        stack.person(cnic)
                .jsonPath("$.zktecoSynced")
                .isEqualTo(true)
                .jsonPath("$.zktecoEmployeeId")
                .isEqualTo(((Number) employees.get(0).get("id")).intValue());
        // a worker writes the attempt's sync log row after the work it records, so the row may trail the entry log
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(stack.db.queryForObject(
                                "SELECT COUNT(*) FROM zkteco_sync_logs WHERE target = ? AND outcome = 'SUCCESS'",
                                Integer.class,
                                cnic))
                        .isPositive());
    }

    @Test
    void twoWorkersCompeteAndEveryPunchArrivesExactlyOnce() {
        int people = 15;
        Instant day = Instant.parse("2026-11-23T03:00:00Z");
        Set<String> cnics = new HashSet<>();
        for (int i = 0; i < people; i++) {
            String cnic = Traffic.newCnic();
            cnics.add(cnic);
            putPerson(cnic, "Worker " + i);
            Instant in = day.plusSeconds(60L * i);
            postEvent("c-in-" + cnic, cnic, "ENTRY", in);
            postEvent("c-in-" + cnic, cnic, "ENTRY", in); // a gate retrying: changes nothing
            postEvent("c-out-" + cnic, cnic, "EXIT", in.plusSeconds(8 * 3600));
        }

        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> stack.db.queryForObject(
                                "SELECT COUNT(*) FROM entry_logs WHERE zkteco_synced = 1 AND cnic IN ("
                                        + String.join(
                                                ",",
                                                cnics.stream()
                                                        .map(c -> "'" + c + "'")
                                                        .toList()) + ")",
                                Integer.class)
                        == people);

        List<Map<String, Object>> punches = stack.simRows("/sim/transactions").stream()
                .filter(p -> cnics.contains((String) p.get("emp_code")))
                .toList();
        assertThat(punches).hasSize(2 * people);
        assertThat(punches.stream()
                        .map(p -> p.get("emp_code") + "/" + p.get("punch_state"))
                        .distinct())
                .hasSize(2 * people);
        assertThat(stack.simRows("/sim/employees").stream().filter(e -> cnics.contains((String) e.get("emp_code"))))
                .hasSize(people);

        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(stack.db.queryForList(
                                "SELECT DISTINCT node FROM zkteco_sync_logs WHERE kind = 'ENTRY_SYNC' AND outcome = 'SUCCESS'",
                                String.class))
                        .as("both workers took commands")
                        .contains("worker-1", "worker-2"));
    }

    /**
     * A gate batch's entry syncs travel as one message (CommandGroups); the worker that takes it pushes them side by
     * side, as far as its in-flight share allows, not one after another.
     */
    @Test
    void aGroupOfEntrySyncsIsPushedSideBySide() {
        List<String> cnics = new ArrayList<>();
        List<Map<String, String>> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String cnic = Traffic.newCnic();
            cnics.add(cnic);
            putPerson(cnic, "Side " + i);
            batch.add(Stack.event(
                    "side-" + cnic,
                    cnic,
                    "ENTRY",
                    Instant.parse("2026-11-22T03:00:00Z").plusSeconds(i),
                    "G-1"));
        }
        String in = String.join(",", cnics.stream().map(c -> "'" + c + "'").toList());
        await().atMost(Duration.ofSeconds(60))
                .until(() -> stack.db.queryForObject(
                                "SELECT COUNT(*) FROM people WHERE zkteco_synced = 1 AND cnic IN (" + in + ")",
                                Integer.class)
                        == 10);
        // only this group's pushes reach BioTime: no worker takes entry syncs or pulls attendance meanwhile
        stack.workers.forEach(w -> Stack.listeners(w, false, ENTRY_SYNC, ATTENDANCE_PULL));
        try {
            stack.postEvents(batch); // the ten in one batch
            stack.faults(Map.of("latencyMs", 500));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> stack.simStats().get("inFlight").equals(0));
            stack.simClient
                    .post()
                    .uri("/sim/stats/reset")
                    .exchange()
                    .expectStatus()
                    .is2xxSuccessful()
                    .expectBody(Void.class);
            Stack.listeners(stack.workers.get(0), true, ENTRY_SYNC); // one worker takes the whole group

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> stack.db.queryForObject(
                                    "SELECT COUNT(*) FROM entry_logs WHERE zkteco_synced = 1 AND cnic IN (" + in + ")",
                                    Integer.class)
                            == 10);
            assertThat(((Number) stack.simStats().get("inFlightMax")).intValue())
                    .as("punches in flight at once")
                    .isGreaterThan(1);
            assertThat(simRowsOf("/sim/transactions", cnics.get(0))).hasSize(1);
        } finally {
            stack.clearFaults();
            stack.workers.forEach(w -> Stack.listeners(w, true, ENTRY_SYNC, ATTENDANCE_PULL));
        }
    }
}
