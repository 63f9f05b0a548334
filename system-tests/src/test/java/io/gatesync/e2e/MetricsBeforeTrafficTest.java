package io.gatesync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.gatesync.common.messaging.CommandKind;
import io.gatesync.testsupport.MonitoringFiles;
import io.gatesync.worker.biotime.BioTimeEndpoint;
import io.gatesync.worker.command.FailureRouter;

/**
 * Alerts see the first failure: a freshly started api and worker already export every metric name the dashboards
 * and alert rules use, before any command, sync or job run, so {@code increase()} over a counter catches its first
 * event after a restart (a series that appears with its first event has no earlier sample to increase from).
 * MetricsTest checks the same names after traffic.
 */
class MetricsBeforeTrafficTest {

    private static Stack stack;
    private static WebTestClient worker;

    @BeforeAll
    static void start() {
        // no periodic job runs while the test looks: whatever a job's run would register must exist without it
        stack = new Stack(1, "--gatesync.schedule.initial-delay=1h");
        worker = Stack.workerClient(stack.workers.get(0));
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void everyMetricTheDashboardsAndAlertsUseExistsBeforeAnyTraffic() {
        // Prometheus' own first scrape: a request, so Spring's http_server_requests_* exist from the next one on
        Stack.scrape(worker);
        Stack.scrape(stack.apiClient);

        // the scrape's request is recorded once its answer is done, a moment after the client has read it
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> {
                    Set<String> exported = new TreeSet<>(MonitoringFiles.exposedNames(Stack.scrape(worker)));
                    exported.addAll(MonitoringFiles.exposedNames(Stack.scrape(stack.apiClient)));
                    Map<String, String> missing = new TreeMap<>(MonitoringFiles.appMetricNames());
                    missing.keySet().removeAll(exported);
                    assertThat(missing)
                            .as("names not exported before traffic (name → where it is used)")
                            .isEmpty();
                });
    }

    @Test
    void failureCountersExistAtZeroForEveryKnownKindReasonAndEndpoint() {
        String metrics = Stack.scrape(worker);
        String app = "application=\"gatesync-worker\"";
        String instance = "instance=\"worker-1\"";
        for (CommandKind kind : CommandKind.values()) {
            for (String reason : FailureRouter.DEAD_LETTER_REASONS) {
                String labels = app + "," + instance + ",kind=\"" + kind + "\",reason=\"" + reason + "\"";
                assertThat(metrics)
                        .contains("gatesync_deadletters_recorded_total{" + labels + "} 0.0")
                        .contains("gatesync_commands_failed_total{" + labels + ",route=\"DEAD\"} 0.0");
            }
        }
        for (BioTimeEndpoint endpoint : BioTimeEndpoint.values()) {
            assertThat(metrics)
                    .contains("gatesync_biotime_requests_seconds_count{" + app + ",endpoint=\"" + endpoint.label()
                            + "\"," + instance + ",outcome=\"5xx\"} 0");
        }
    }
}
