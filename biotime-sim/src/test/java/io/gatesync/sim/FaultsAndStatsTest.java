package io.gatesync.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.gatesync.sim.admin.SimStats;
import io.gatesync.sim.faults.FaultSettings;
import io.gatesync.sim.faults.Faults;

class FaultsAndStatsTest extends SimIntegrationTest {

    @Autowired
    Faults faults;

    @Autowired
    SimStats stats;

    @Test
    void latencyDelaysApiCallsButNotSimEndpoints() {
        String auth = jwt();
        postFaults(Map.of("latencyMs", 400))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.latencyMs")
                .isEqualTo(400);
        long started = System.nanoTime();
        get(auth, "/personnel/api/departments/").expectStatus().isOk();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));

        started = System.nanoTime();
        client.get().uri("/sim/stats").exchange().expectStatus().isOk();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(400));
    }

    @Test
    void errorRateOneAnswersEveryApiCallWithTheErrorStatus() {
        faults.set(FaultSettings.NONE.withErrors(1.0, 503));
        client.post()
                .uri("/jwt-api-token-auth/")
                .bodyValue(Map.of("username", "admin", "password", "admin"))
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectBody()
                .json("{\"detail\":\"Service unavailable\"}", true);
        client.get().uri("/personnel/api/employees/").exchange().expectStatus().isEqualTo(503);
        client.get().uri("/actuator/health").exchange().expectStatus().isOk();

        deleteFaults().expectStatus().isOk();
        assertThat(faults.current()).isEqualTo(FaultSettings.NONE);
        jwt();
    }

    @Test
    void customErrorStatusIsUsedAndInvalidSettingsAreRejected() {
        postFaults(Map.of("errorRate", 1.0, "errorStatus", 429)).expectStatus().isOk();
        client.get().uri("/iclock/api/transactions/").exchange().expectStatus().isEqualTo(429);
        postFaults(Map.of("errorRate", 2.0)).expectStatus().isBadRequest();
    }

    @Test
    void statsCountRequestsPerEndpointAndPerSecond() {
        String auth = jwt();
        get(auth, "/personnel/api/employees/").expectStatus().isOk();
        get(auth, "/personnel/api/employees/5/").expectStatus().isNotFound();
        get(auth, "/personnel/api/employees/6/").expectStatus().isNotFound();
        statsBody()
                .jsonPath("$.logins")
                .isEqualTo(1)
                .jsonPath("$.requests")
                .isEqualTo(4)
                .jsonPath("$.requestsByEndpoint['GET /personnel/api/employees/{id}/']")
                .isEqualTo(2)
                .jsonPath("$.requestsByEndpoint['POST /jwt-api-token-auth/']")
                .isEqualTo(1)
                .jsonPath("$.maxRequestsPerSecond")
                .value(Integer.class, n -> assertThat(n).isBetween(1, 4));
        assertThat(stats.requestsPerSecond().values().stream()
                        .mapToLong(Long::longValue)
                        .sum())
                .isEqualTo(4);
    }

    @Test
    void inFlightMaxCountsConcurrentRequests() throws Exception {
        String auth = jwt();
        faults.set(FaultSettings.NONE.withLatency(Duration.ofMillis(500)));
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<Void>>> calls = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            calls.add(http.sendAsync(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/personnel/api/departments/"))
                            .header("Authorization", auth)
                            .build(),
                    HttpResponse.BodyHandlers.discarding()));
        }
        eventually(() -> stats.inFlight() == 6);
        client.get()
                .uri("/sim/stats")
                .exchange()
                .expectBody()
                .jsonPath("$.inFlight")
                .isEqualTo(6)
                .jsonPath("$.inFlightMax")
                .isEqualTo(6);
        calls.forEach(CompletableFuture::join);
        eventually(() -> stats.inFlight() == 0);
        assertThat(stats.inFlightMax()).isEqualTo(6);
    }

    @Test
    void faultedRequestsAreCountedAsReceived() throws Exception {
        faults.set(FaultSettings.NONE.withThrottleNext(2, 1).withFailNext(1, 503));
        for (int i = 0; i < 4; i++) {
            client.get()
                    .uri("/personnel/api/employees/")
                    .exchange()
                    .expectBody()
                    .consumeWith(r -> {});
        }
        assertThat(stats.requests()).isEqualTo(4);
        assertThat(stats.requestsByEndpoint()).containsEntry("GET /personnel/api/employees/", 4L);
        eventually(() -> stats.inFlight() == 0);
    }

    @Test
    void statsResetZeroesTheCountersButKeepsData() throws Exception {
        String auth = jwt();
        createEmployee(auth, "S1");
        eventually(() -> stats.inFlight() == 0); // the server counts a request out just after answering it
        client.post().uri("/sim/stats/reset").exchange().expectStatus().isNoContent();
        client.get()
                .uri("/sim/stats")
                .exchange()
                .expectBody()
                .jsonPath("$.requests")
                .isEqualTo(0)
                .jsonPath("$.logins")
                .isEqualTo(0)
                .jsonPath("$.maxRequestsPerSecond")
                .isEqualTo(0)
                .jsonPath("$.inFlight")
                .isEqualTo(0)
                .jsonPath("$.inFlightMax")
                .isEqualTo(0)
                .jsonPath("$.employees")
                .isEqualTo(1);
        get(auth, "/personnel/api/employees/").expectStatus().isOk();
        assertThat(stats.requests()).isEqualTo(1);
    }

    @Test
    void resetClearsEverythingButTheSeeds() {
        String auth = jwt();
        createEmployee(auth, "R1");
        client.post().uri("/sim/reset").exchange().expectStatus().isNoContent();
        client.get()
                .uri("/sim/employees")
                .exchange()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(0);
        get(auth, "/personnel/api/employees/").expectStatus().isUnauthorized();
        get(jwt(), "/personnel/api/departments/1/").expectStatus().isOk();
        assertThat(stats.logins()).isEqualTo(1);
    }

    @Test
    void actuatorExposesHealthAndPrometheus() {
        client.get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
        client.get().uri("/actuator/prometheus").exchange().expectStatus().isOk();
    }
}
