package io.gatesync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;

import io.gatesync.worker.biotime.BioTimeClient;
import io.gatesync.worker.biotime.InFlightLimit;

/**
 * Three workers (three Spring contexts sharing the database) hammer BioTime as hard as they can under one budget
 * of {@value #BUDGET} requests per second: the simulator must never see more in any second, and should see most
 * of it while there is work.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterBudgetTest {

    private static final int BUDGET = 20;
    private static Stack stack;

    @BeforeAll
    static void start() {
        stack = new Stack(
                3,
                "--zkteco.rate-limit=" + BUDGET,
                "--zkteco.max-in-flight=9",
                "--gatesync.cluster.heartbeat=300ms",
                "--gatesync.cluster.live-for=2s");
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void threeWorkersTogetherNeverExceedTheBudgetAndUseMostOfIt() throws Exception {
        stack.simClient.post().uri("/sim/stats/reset").exchange();
        List<BioTimeClient> clients =
                stack.workers.stream().map(w -> w.getBean(BioTimeClient.class)).toList();
        clients.forEach(c -> c.employees(1, 1)); // log in first
        ExecutorService pool = Executors.newFixedThreadPool(clients.size() * 6);
        long startSecond = Instant.now().getEpochSecond();
        long endAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
        for (BioTimeClient client : clients) {
            for (int t = 0; t < 6; t++) {
                pool.submit(() -> {
                    while (System.nanoTime() < endAt) {
                        client.employees(1, 1);
                    }
                    return null;
                });
            }
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        long endSecond = Instant.now().getEpochSecond();

        Map<String, Number> perSecond = requestsPerSecond();
        List<Integer> busySeconds = new ArrayList<>();
        for (long s = startSecond + 1; s < endSecond; s++) { // whole seconds inside the busy period
            Number n = perSecond.get(Long.toString(s));
            busySeconds.add(n == null ? 0 : n.intValue());
        }
        int max = perSecond.values().stream().mapToInt(Number::intValue).max().orElse(0);
        double average =
                busySeconds.stream().mapToInt(Integer::intValue).average().orElse(0);
        System.out.printf(
                "budget %d/s: max %d in a second, average %.1f over %d busy seconds %s%n",
                BUDGET, max, average, busySeconds.size(), busySeconds);
        assertThat(max).as("requests in the busiest second").isLessThanOrEqualTo(BUDGET);
        assertThat(average).as("average use of the budget while busy").isGreaterThanOrEqualTo(0.9 * BUDGET);
    }

    @Test
    @Order(2) // stops a worker
    void theInFlightBudgetIsSharedAmongLiveWorkersAndADeadWorkersShareReturns() {
        List<InFlightLimit> limits =
                stack.workers.stream().map(w -> w.getBean(InFlightLimit.class)).toList();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() ->
                        assertThat(limits).allSatisfy(l -> assertThat(l.limit()).isEqualTo(3)));
        ConfigurableApplicationContext dying = stack.workers.get(2);
        dying.close(); // leaves worker_nodes on a clean stop; a killed one would age out after live-for
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(limits.subList(0, 2))
                        .allSatisfy(l -> assertThat(l.limit()).isEqualTo(4)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Number> requestsPerSecond() {
        Map<String, Object> stats = stack.simClient
                .get()
                .uri("/sim/stats")
                .exchange()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return (Map<String, Number>) stats.get("requestsPerSecond");
    }
}
