package io.gatesync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import io.gatesync.sim.personnel.DepartmentStore;

/**
 * A permanent failure — the default department does not exist in BioTime — dead-letters at once with a clear
 * reason; once the department exists, an operator's replay delivers everything, exactly once.
 */
class DeadLetterReplayTest {

    @AutoClose
    private static Stack stack;

    @BeforeAll
    static void start() {
        // The simulator has department 1 only; 2 comes into being when the operator fixes BioTime.
        stack = new Stack(1, "--zkteco.default-department=2");
    }

    @Test
    void aMissingDepartmentIsDeadLetteredWithItsReasonAndReplaySucceedsOnceFixed() {
        Traffic traffic = new Traffic(stack);
        String cnic = traffic.person();
        traffic.event(cnic, "ENTRY", Instant.parse("2026-11-24T04:00:00Z"));

        await().atMost(Duration.ofSeconds(60))
                .until(() -> stack.db.queryForObject(
                                "SELECT COUNT(*) FROM dead_letters WHERE target IN (?, (SELECT CAST(id AS CHAR) FROM entry_logs "
                                        + "WHERE cnic = ?))",
                                Integer.class,
                                cnic,
                                cnic)
                        == 2);
        List<Map<String, Object>> dead = stack.db.queryForList("SELECT kind, reason, last_error FROM dead_letters");
        assertThat(dead).allSatisfy(row -> {
            assertThat(row.get("reason")).isEqualTo("PERMANENT");
            assertThat((String) row.get("last_error"))
                    .startsWith("Department not found")
                    .contains("ZKTECO_DEFAULT_DEPARTMENT");
        });
        stack.apiClient
                .get()
                .uri("/zkteco/dead-letters")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.countsByReason.PERMANENT")
                .isEqualTo(2)
                .jsonPath("$.content[0].lastError")
                .value(e -> assertThat((String) e).contains("Department not found"));
        stack.person(cnic)
                .jsonPath("$.zktecoSynced")
                .isEqualTo(false)
                .jsonPath("$.zktecoSyncError")
                .value(e -> assertThat((String) e).startsWith("Department not found"));

        stack.sim.getBean(DepartmentStore.class).create("2", "Gate staff", null); // the operator fixes BioTime
        stack.apiClient
                .post()
                .uri("/zkteco/dead-letters/replay")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("all", true))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.replayed")
                .isEqualTo(2);

        traffic.awaitSynced(Duration.ofSeconds(60));
        traffic.assertExactlyOnceInBioTime();
        assertThat(stack.db.queryForObject("SELECT COUNT(*) FROM dead_letters WHERE status = 'DEAD'", Integer.class))
                .isZero();
        assertThat(stack.db.queryForObject(
                        "SELECT COUNT(*) FROM zkteco_sync_logs WHERE outcome = 'REPLAYED'", Integer.class))
                .isEqualTo(2);
    }
}
