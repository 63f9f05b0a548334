package io.gatesync.worker.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

/** What ops watch is really exported on /actuator/prometheus, on the worker and on the api. */
class MetricsTest {

    private static Stack stack;

    @BeforeAll
    static void start() {
        stack = new Stack(1, "--gatesync.metrics.db-gauge-max-age=0s");
        Traffic traffic = new Traffic(stack);
        traffic.peopleWithEntryAndExit(2);
        traffic.awaitSynced(Duration.ofSeconds(60));
        traffic.event(traffic.cnics.get(0), "ENTRY", Instant.parse("2026-11-25T04:00:00Z"));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    private static String scrape(WebTestClient client) {
        return client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk().expectBody(String.class)
                .returnResult().getResponseBody();
    }

    @Test
    void theWorkerExportsBioTimeBudgetCommandAndLagMetrics() {
        WebTestClient worker = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + Stack.port(stack.workers.get(0))).build();
        String metrics = scrape(worker);
        assertThat(metrics).contains("gatesync_biotime_requests_seconds_count{application=\"gatesync-worker\","
                + "endpoint=\"employees.create\",outcome=\"2xx\"")
                .contains("gatesync_biotime_ratelimit_wait_seconds_count")
                .contains("gatesync_biotime_inflight_limit")
                .contains("gatesync_biotime_circuit_open{application=\"gatesync-worker\"} 0.0")
                .contains("gatesync_commands_processed_seconds_count{application=\"gatesync-worker\","
                        + "kind=\"ENTRY_SYNC\",outcome=\"success\"")
                .contains("gatesync_sync_pending{application=\"gatesync-worker\",kind=\"entry_log\"}")
                .contains("gatesync_sync_lag_seconds{application=\"gatesync-worker\",kind=\"person\"}")
                .contains("gatesync_deadletters_pending{application=\"gatesync-worker\"} 0.0");
    }

    @Test
    void theApiExportsItsOutboxBacklog() {
        String metrics = scrape(stack.apiClient);
        assertThat(metrics).contains("gatesync_outbox_pending{application=\"gatesync-api\"}")
                .contains("gatesync_outbox_oldest_age_seconds{application=\"gatesync-api\"}");
    }
}
