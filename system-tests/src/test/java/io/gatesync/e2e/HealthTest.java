package io.gatesync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.gatesync.testsupport.TestServices;

/**
 * What a Kubernetes probe or a compose health check sees: readiness falls when the worker's database or broker is
 * unreachable and comes back with them; liveness stays up throughout; BioTime being down shows as the biotime
 * detail, not as an unready worker. The database and the broker are shared, so only this worker loses them: it
 * reaches them through relays that the test cuts.
 */
class HealthTest {

    private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {};

    private static Stack stack;
    private static TcpProxy database;
    private static TcpProxy broker;
    private static WebTestClient worker;

    @BeforeAll
    static void start() {
        TestServices services = TestServices.get();
        stack = new Stack(0);
        InetSocketAddress db = services.databaseAddress();
        InetSocketAddress mq = services.brokerAddress();
        database = new TcpProxy(db.getHostString(), db.getPort());
        broker = new TcpProxy(mq.getHostString(), mq.getPort());
        String jdbcUrl = stack.jdbcUrl.replace(db.getHostString() + ":" + db.getPort(), "127.0.0.1:" + database.port());
        var context = stack.startWorker(
                "worker-health",
                "--spring.datasource.url=" + jdbcUrl,
                "--spring.rabbitmq.addresses=127.0.0.1:" + broker.port(),
                // an unreachable database answers the health check in 2 s rather than Hikari's default 30 s
                "--spring.datasource.hikari.connection-timeout=2000");
        worker = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + Stack.port(context))
                .responseTimeout(Duration.ofSeconds(30))
                .build();
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.simClient.delete().uri("/sim/faults").exchange();
            stack.close();
        }
        if (database != null) {
            database.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void readinessFollowsTheDatabaseAndLivenessDoesNot() {
        assertReadinessFollows(database, "db", "rabbit");
    }

    @Test
    void readinessFollowsTheBrokerAndLivenessDoesNot() {
        assertReadinessFollows(broker, "rabbit", "db");
    }

    /** Cutting {@code relay} takes {@code lost} and readiness down, not {@code kept} nor liveness; then back up. */
    private static void assertReadinessFollows(TcpProxy relay, String lost, String kept) {
        awaitStatus("/actuator/health/readiness", 200);
        relay.cut();
        try {
            Map<String, Object> readiness = awaitStatus("/actuator/health/readiness", 503);
            assertThat(readiness).containsEntry("status", "DOWN");
            assertThat(component(readiness, lost)).containsEntry("status", "DOWN");
            assertThat(component(readiness, kept)).containsEntry("status", "UP");
            assertThat(get("/actuator/health/liveness").getResponseBody()).containsEntry("status", "UP");
        } finally {
            relay.restore();
        }
        awaitStatus("/actuator/health/readiness", 200);
    }

    @Test
    void bioTimeDownIsItsOwnDetailAndTheWorkerStaysReady() {
        Traffic traffic = new Traffic(stack);
        traffic.person();
        await().dontCatchUncaughtExceptions()
                .atMost(Duration.ofSeconds(60))
                .until(() -> "UP".equals(biotime().get("status")));

        stack.simClient
                .post()
                .uri("/sim/faults")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("refuseConnections", true))
                .exchange()
                .expectStatus()
                .isOk();
        try {
            traffic.person(); // its sync reaches BioTime, which drops the connection
            await().dontCatchUncaughtExceptions()
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> "DOWN".equals(biotime().get("status")));
            Map<String, Object> biotime = biotime();
            assertThat(biotime)
                    .extractingByKey("details")
                    .asInstanceOf(InstanceOfAssertFactories.MAP)
                    .containsKeys("circuit", "lastOutcome");
            assertThat(get("/actuator/health/readiness").getStatus().value())
                    .as("readiness")
                    .isEqualTo(200);
            assertThat(get("/actuator/health/liveness").getStatus().value())
                    .as("liveness")
                    .isEqualTo(200);
            assertThat(get("/actuator/health").getStatus().value())
                    .as("the whole health, biotime included")
                    .isEqualTo(503);
        } finally {
            stack.simClient
                    .delete()
                    .uri("/sim/faults")
                    .exchange()
                    .expectStatus()
                    .is2xxSuccessful();
        }
        await().dontCatchUncaughtExceptions()
                .atMost(Duration.ofSeconds(90))
                .until(() -> "UP".equals(biotime().get("status")));
    }

    private static Map<String, Object> biotime() {
        return component(get("/actuator/health").getResponseBody(), "biotime");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> component(Map<String, Object> health, String name) {
        Map<String, Object> components = (Map<String, Object>) health.get("components");
        assertThat(components).as("components of %s", health).containsKey(name);
        return (Map<String, Object>) components.get(name);
    }

    private static EntityExchangeResult<Map<String, Object>> get(String path) {
        return worker.get().uri(path).exchange().expectBody(JSON).returnResult();
    }

    private static Map<String, Object> awaitStatus(String path, int status) {
        await().dontCatchUncaughtExceptions()
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> get(path).getStatus().value() == status);
        return get(path).getResponseBody();
    }
}
