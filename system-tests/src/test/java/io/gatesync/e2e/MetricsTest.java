package io.gatesync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.gatesync.common.messaging.CommandKind;
import io.gatesync.common.messaging.CommandTopology;
import io.gatesync.testsupport.MonitoringFiles;

/**
 * What ops watch is really exported on /actuator/prometheus, on the worker and on the api: every metric name the
 * Grafana dashboards and the alert rules use, after traffic that makes each kind of meter appear (syncs, a retried
 * 503, an unreadable command that is dead-lettered, an attendance pull, the periodic jobs).
 */
class MetricsTest {

    /** RabbitMQ's rabbitmq_prometheus plugin on the local broker (bin/ensure-services enables it). */
    private static final String BROKER_METRICS = "http://127.0.0.1:15692";

    private static Stack stack;
    private static WebTestClient worker;

    @BeforeAll
    static void start() {
        stack = new Stack(1, "--gatesync.metrics.db-gauge-max-age=0s", "--gatesync.schedule.initial-delay=1s");
        worker = Stack.workerClient(stack.workers.get(0));
        Traffic traffic = new Traffic(stack);
        traffic.peopleWithEntryAndExit(2);
        traffic.awaitSynced(Duration.ofSeconds(60));

        // a 503 on the next employee request, the new person's sync: that command is retried once (commands failed,
        // route RETRY). Only that path: the periodic pull's terminal read, which logs a failure and is no command,
        // had taken an unaimed fault in CI.
        stack.faults(Map.of("failNext", 1, "failNextStatus", 503, "failNextPath", "/personnel/api/employees/"));
        traffic.peopleWithEntryAndExit(1);
        traffic.awaitSynced(Duration.ofSeconds(60));
        traffic.event(traffic.cnics.get(0), "ENTRY", Instant.parse("2026-11-25T04:00:00Z"));

        // a command nobody can read is dead-lettered at once (dead letters recorded)
        CommandTopology topology = stack.api.getBean(CommandTopology.class);
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        stack.api
                .getBean(RabbitTemplate.class)
                .send(
                        topology.commandsExchange(),
                        CommandKind.PERSON_SYNC.routingKey(),
                        new Message("{not json".getBytes(StandardCharsets.UTF_8), properties));

        // an attendance pull of the last hour (punches pulled)
        Instant to = Instant.now().minusSeconds(120);
        stack.apiClient
                .post()
                .uri("/zkteco/pull-attendance")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("from", to.minusSeconds(3600).toString(), "to", to.toString()))
                .exchange()
                .expectStatus()
                .isAccepted();

        await().atMost(Duration.ofSeconds(60))
                .until(() -> traffic.deadLetters() == 1
                        && stack.db.queryForObject(
                                        "SELECT COUNT(*) FROM pull_runs WHERE kind = 'MANUAL' AND status = 'DONE'",
                                        Integer.class)
                                == 1);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.simClient.delete().uri("/sim/faults").exchange();
            stack.close();
        }
    }

    @Test
    void everyMetricTheDashboardsAndAlertsUseIsExportedByTheApps() {
        Map<String, String> used = MonitoringFiles.usedMetricNames();
        assertThat(used).as("metric names in the dashboards and alerts").containsKey("gatesync_sync_lag_seconds");
        Map<String, String> fromApps = MonitoringFiles.appMetricNames(); // rabbitmq_*: next test

        Map<String, String> missing = new TreeMap<>();
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    Set<String> exported = new TreeSet<>(MonitoringFiles.exposedNames(Stack.scrape(worker)));
                    exported.addAll(MonitoringFiles.exposedNames(Stack.scrape(stack.apiClient)));
                    missing.clear();
                    fromApps.forEach((name, where) -> {
                        if (!exported.contains(name)) {
                            missing.put(name, where);
                        }
                    });
                    return missing.isEmpty();
                });
        assertThat(missing).as("names no app exports (name → where it is used)").isEmpty();
    }

    @Test
    void everyRabbitMqMetricTheDashboardsAndAlertsUseIsExportedByTheBroker() throws Exception {
        Set<String> used = new TreeSet<>(MonitoringFiles.usedMetricNames().keySet());
        used.removeIf(name -> !name.startsWith("rabbitmq_"));
        assertThat(used).contains("rabbitmq_queue_messages_ready", "rabbitmq_queue_messages_unacked");
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Set<String> exported = new TreeSet<>();
        for (String path : new String[] {"/metrics", "/metrics/per-object"}) {
            HttpResponse<String> response;
            try {
                response = http.send(
                        HttpRequest.newBuilder(URI.create(BROKER_METRICS + path))
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (java.io.IOException unreachable) {
                Assumptions.abort("the broker's rabbitmq_prometheus plugin does not answer on " + BROKER_METRICS
                        + " (bin/ensure-services enables it); the rabbitmq_* names were not checked");
                return;
            }
            assertThat(response.statusCode()).as("%s%s", BROKER_METRICS, path).isEqualTo(200);
            exported.addAll(MonitoringFiles.exposedNames(response.body()));
        }
        assertThat(exported).as("names the broker exports").containsAll(used);
    }

    @Test
    void theWorkerExportsBioTimeBudgetCommandAndLagMetricsWithItsTags() {
        String metrics = Stack.scrape(worker);
        // Prometheus lists labels by name: application, then the meter's own, with instance in its place
        String app = "application=\"gatesync-worker\"";
        String instance = "instance=\"worker-1\"";
        assertThat(metrics)
                .contains("gatesync_biotime_requests_seconds_count{" + app + ",endpoint=\"employees.create\","
                        + instance + ",outcome=\"2xx\"}")
                .contains("gatesync_biotime_requests_seconds_count{" + app + ",endpoint=\"login\"," + instance
                        + ",outcome=\"2xx\"}")
                .contains("gatesync_biotime_ratelimit_wait_seconds_count{" + app + "," + instance + "}")
                .contains("gatesync_biotime_ratelimit_rate{" + app + "," + instance + "} 10.0")
                .contains("gatesync_biotime_inflight_limit{" + app + "," + instance + "}")
                .contains("gatesync_biotime_circuit_open{" + app + "," + instance + "} 0.0")
                .contains("gatesync_commands_processed_seconds_count{" + app + "," + instance
                        + ",kind=\"ENTRY_SYNC\",outcome=\"success\"}")
                .contains("gatesync_sync_pending{" + app + "," + instance + ",kind=\"entry_log\"}")
                .contains("gatesync_sync_lag_seconds{" + app + "," + instance + ",kind=\"person\"}")
                .contains("gatesync_punches_pushed_total{" + app + ",direction=\"exit\"," + instance + "}")
                .contains("gatesync_jobs_lock_busy_total{" + app + "," + instance + ",job=\"entry-sync\"} 0.0")
                .contains("gatesync_jobs_interval_seconds{" + app + "," + instance + ",job=\"entry-sync\"} 300.0")
                .contains("gatesync_queue_messages{" + app + "," + instance + ",queue=\""
                        + stack.api.getBean(CommandTopology.class).deadLetterQueue(CommandKind.ENTRY_SYNC) + "\"}")
                .containsPattern("gatesync_commands_failed_total\\{" + app + "," + instance
                        + ",kind=\"[A-Z_]+\",reason=\"RETRYABLE\",route=\"RETRY\"} 1.0")
                .contains("gatesync_deadletters_recorded_total{" + app + "," + instance
                        + ",kind=\"PERSON_SYNC\",reason=\"UNPARSEABLE\"} 1.0")
                .containsPattern("gatesync_punches_pulled_total\\{" + app + "," + instance + ",result=\"imported\"}");
    }

    @Test
    void theApiExportsItsOutboxBacklogAndWhatItPublished() {
        String metrics = Stack.scrape(stack.apiClient);
        assertThat(metrics)
                .containsPattern("gatesync_outbox_pending\\{application=\"gatesync-api\",instance=\"[^\"]+\"}")
                .containsPattern(
                        "gatesync_outbox_oldest_age_seconds\\{application=\"gatesync-api\",instance=\"[^\"]+\"}")
                .containsPattern("gatesync_commands_published_total\\{application=\"gatesync-api\",instance=\"[^\"]+\","
                        + "kind=\"ENTRY_SYNC\"}");
    }
}
