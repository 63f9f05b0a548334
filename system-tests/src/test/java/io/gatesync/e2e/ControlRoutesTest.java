package io.gatesync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The integration guide's routes on the api, answered through a worker and its rate-limited BioTime client. */
class ControlRoutesTest {

    private static Stack stack;
    private static Stack noWorkers;

    @BeforeAll
    static void start() {
        stack = new Stack(1, "--zkteco.timezone=Asia/Karachi");
        noWorkers = new Stack(0, "--gatesync.query-timeout=1s");
    }

    @AfterAll
    static void stop() {
        Stack.closeIfStarted(noWorkers);
        Stack.closeIfStarted(stack);
    }

    /** A new person whose entry at {@code time} has reached BioTime; their CNIC. */
    private static String personWithSyncedEntry(Traffic traffic, Instant time) {
        String cnic = traffic.person();
        traffic.event(cnic, "ENTRY", time);
        traffic.awaitSynced(Duration.ofSeconds(60));
        return cnic;
    }

    private static void post(String path, Object body, int status) {
        stack.post(path, body).expectStatus().isEqualTo(status).expectBody(Void.class);
    }

    @Test
    void testConnectionReportsBioTimeAndTheDefaultsThroughAWorker() {
        stack.testConnectionOk()
                .jsonPath("$.circuit")
                .isEqualTo("CLOSED")
                .jsonPath("$.latencyMs")
                .isNumber();
    }

    @Test
    void withoutWorkersAQueryTimesOutWithAClearProblem() {
        noWorkers
                .apiClient
                .post()
                .uri("/zkteco/test-connection")
                .exchange()
                .expectStatus()
                .isEqualTo(504)
                .expectBody()
                .jsonPath("$.detail")
                .value(d -> assertThat((String) d).contains("no worker answered"));
    }

    @Test
    void employeesAndTransactionsArePagedFromBioTime() {
        String cnic = personWithSyncedEntry(new Traffic(stack), Instant.parse("2026-11-24T04:00:00Z"));

        stack.apiClient
                .get()
                .uri("/zkteco/employees?page=1&size=100")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.page")
                .isEqualTo(1)
                .jsonPath("$.items[?(@.empCode == '" + cnic + "')]")
                .exists();
        stack.apiClient
                .get()
                .uri("/zkteco/transactions?cnic={c}&from=2026-11-24T00:00:00Z&to=2026-11-25T00:00:00Z", cnic)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.count")
                .isEqualTo(1)
                .jsonPath("$.items[0].empCode")
                .isEqualTo(cnic)
                .jsonPath("$.items[0].punchTime")
                .isEqualTo("2026-11-24 09:00:00")
                .jsonPath("$.items[0].punchState")
                .isEqualTo("0")
                .jsonPath("$.items[0].punch_time")
                .doesNotExist();
        stack.apiClient
                .get()
                .uri("/zkteco/transactions?size=0&from=nonsense")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[*].field")
                .value(f -> assertThat((List<?>) f).asList().contains("size", "from"));
    }

    @Test
    void manualSyncsQueueCommandsAndEverythingArrivesOnce() {
        Traffic traffic = new Traffic(stack);
        String cnic = personWithSyncedEntry(traffic, Instant.parse("2026-11-23T04:00:00Z"));
        long entryLogId = stack.db.queryForObject("SELECT id FROM entry_logs WHERE cnic = ?", Long.class, cnic);

        post("/zkteco/sync-person", Map.of("cnic", cnic), 202);
        post("/zkteco/sync-person", Map.of("cnic", Traffic.newCnic()), 404);
        post("/zkteco/sync-person", Map.of("cnic", "12"), 400);
        post("/zkteco/sync-all-people", Map.of(), 202);
        post("/zkteco/sync-unsynced-entries", Map.of(), 202);
        post("/zkteco/manual-entry-sync", Map.of("entryLogId", entryLogId), 202);
        post("/zkteco/manual-entry-sync", Map.of("cnic", cnic, "entryLogId", entryLogId), 400);
        post("/zkteco/manual-entry-sync", Map.of("entryLogId", 999_999_999), 404);

        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> stack.db.queryForObject("SELECT COUNT(*) FROM outbox", Integer.class) == 0);
        traffic.awaitSynced(Duration.ofSeconds(60));
        traffic.assertExactlyOnceInBioTime();
        assertThat(stack.db.queryForObject(
                        "SELECT COUNT(*) FROM zkteco_sync_logs WHERE kind = 'MANUAL'", Integer.class))
                .isGreaterThanOrEqualTo(4);
    }
}
