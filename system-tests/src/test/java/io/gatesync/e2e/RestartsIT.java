package io.gatesync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.gatesync.testsupport.TestServices;

/**
 * RabbitMQ restarted and every database connection dropped while gates keep sending: the apps reconnect by
 * themselves, and BioTime still gets every person and punch exactly once. An {@code *IT} because the broker it
 * restarts is every test's: failsafe runs it alone, after the system tests that run two at a time.
 */
class RestartsIT {

    private static Stack stack;

    @BeforeAll
    static void start() {
        stack = new Stack(
                2,
                List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3)),
                "--zkteco.rate-limit=200",
                "--zkteco.max-in-flight=16");
        stack.simClient
                .post()
                .uri("/sim/faults")
                .header("Content-Type", "application/json")
                .bodyValue("{\"latencyMs\":50}")
                .exchange()
                .expectStatus()
                .is2xxSuccessful()
                .expectBody(Void.class);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aBrokerRestartAndDroppedDatabaseConnectionsMidRunLoseNothingAndDoubleNothing() throws Exception {
        TestServices services = TestServices.get();
        Traffic traffic = new Traffic(stack);
        CompletableFuture<Void> gates = CompletableFuture.runAsync(() -> traffic.peopleWithEntryAndExit(40));
        // the sleeps place the faults mid-run, while events are still coming in and being synced
        Thread.sleep(1500);
        services.restartBroker();
        Thread.sleep(1500);
        int killed = services.killDatabaseConnections(stack.jdbcUrl);
        assertThat(killed).as("database connections dropped").isPositive();
        gates.get();
        Thread.sleep(1000);
        services.killDatabaseConnections(stack.jdbcUrl); // once more while the workers catch up

        traffic.awaitSynced(Duration.ofSeconds(180));
        traffic.assertExactlyOnceInBioTime();
        assertThat(traffic.deadLetters()).as(traffic.deadLetterReport()).isZero();
    }
}
