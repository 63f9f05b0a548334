package io.gatesync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * Issue 22's reconciliation, end to end on real RabbitMQ and MariaDB against the simulator: a day of 5,000 gate
 * punches in BioTime; then, in BioTime, 1% of them deleted by hand, 20 terminal punches added while the pull is
 * off, 5 employees edited by hand. One run for that day leaves both sides equal, nothing doubled, its report
 * counting exactly that damage and nothing unresolved; a second run finds everything matched and changes nothing.
 * {@code -Dgatesync.reconcile.people=N} for another size (N people, 25 visits each: 50 punches). The run with a
 * worker killed in the middle: {@link ReconcileKillIT}.
 */
class ReconcileTest {

    private static final int PEOPLE = Integer.getInteger("gatesync.reconcile.people", 100);

    @AutoClose
    private static Stack stack;

    @BeforeAll
    static void start() {
        // the pull is off: punches added to BioTime are found by reconciliation only
        stack = new Stack(1, ReconcileScenario.reconcileOnlyArgs());
    }

    @Test
    void oneRunHealsExactlyTheDamageAndASecondFindsEverythingMatched() {
        LocalDate yesterday = LocalDate.now(ReconcileScenario.SITE).minusDays(1);
        ReconcileScenario scenario =
                new ReconcileScenario(stack, PEOPLE, List.of(yesterday)).send().damage(20, 5);
        assertThat(scenario.sentPerDay).isEqualTo(PEOPLE * 50);

        scenario.assertHealedExactlyTheDamage(scenario.finished(scenario.start(), Duration.ofMinutes(2)));
        scenario.assertBothSidesEqual();

        scenario.assertAllMatched(scenario.finished(scenario.start(), Duration.ofMinutes(2)));
        scenario.assertBothSidesEqual();
        assertThat(Stack.scrape(Stack.workerClient(stack.workers.get(0))))
                .containsPattern("(?m)^gatesync_reconcile_unresolved(\\{[^}]*\\})? 0\\.0$");
    }

    @Test
    void badRequestsNameTheFieldAndTheFix() {
        stack.apiClient
                .post()
                .uri("/zkteco/reconcile")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("from", "yesterday"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("from");
        stack.apiClient
                .post()
                .uri("/zkteco/reconcile")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("from", "2026-01-01", "to", "2026-03-01"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("to")
                .jsonPath("$.errors[0].message")
                .value(m -> assertThat((String) m).contains("31 days"));
        stack.apiClient
                .post()
                .uri("/zkteco/reconcile")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("from", "2026-01-01", "days", 3))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("days");
        stack.apiClient
                .get()
                .uri("/zkteco/reconcile/abc")
                .exchange()
                .expectStatus()
                .isBadRequest();
        stack.apiClient
                .get()
                .uri("/zkteco/reconcile/987654")
                .exchange()
                .expectStatus()
                .isNotFound();
    }
}
