package io.gatesync.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;

import io.gatesync.sim.admin.SimStats;
import io.gatesync.sim.faults.FaultSettings;
import io.gatesync.sim.faults.Faults;
import io.gatesync.sim.transactions.TransactionStore;

/** Each run-time fault switch, driven over /sim/faults or the {@link Faults} bean, as a client would meet it. */
class FaultSwitchesTest extends SimIntegrationTest {

    @Autowired
    TransactionStore transactions;

    @Autowired
    Faults faults;

    @Autowired
    SimStats stats;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void failNextFailsExactlyNRequestsThenRecovers() {
        String auth = jwt();
        postFaults(Map.of("failNext", 3, "failNextStatus", 502))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.failNext")
                .isEqualTo(3)
                .jsonPath("$.failNextStatus")
                .isEqualTo(502);
        for (int i = 0; i < 3; i++) {
            get(auth, "/personnel/api/departments/")
                    .expectStatus()
                    .isEqualTo(502)
                    .expectBody()
                    .jsonPath("$.detail")
                    .isEqualTo("Service unavailable");
        }
        get(auth, "/personnel/api/departments/").expectStatus().isOk();
        getFaults().expectBody().jsonPath("$.failNext").isEqualTo(0);
    }

    @Test
    void failNextIsExactUnderConcurrency() {
        String auth = jwt();
        faults.update(s -> s.withFailNext(20, FaultSettings.DEFAULT_ERROR_STATUS));
        List<Integer> statuses = concurrently(50, "/personnel/api/departments/", auth);
        assertThat(statuses).filteredOn(s -> s == 503).hasSize(20);
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(30);
        assertThat(faults.current().failNext()).isZero();
    }

    @Test
    void throttledRequestsCarryRetryAfter() {
        String auth = jwt();
        postFaults(Map.of("throttleNext", 2, "retryAfterSeconds", 7))
                .expectStatus()
                .isOk();
        for (int i = 0; i < 2; i++) {
            get(auth, "/iclock/api/transactions/")
                    .expectStatus()
                    .isEqualTo(429)
                    .expectHeader()
                    .valueEquals("Retry-After", "7")
                    .expectBody()
                    .json("{\"detail\":\"Request was throttled. Expected available in 7 seconds.\"}", true);
        }
        get(auth, "/iclock/api/transactions/").expectStatus().isOk();
    }

    @Test
    void throttleMessageIsSingularForOneSecondAsInDrf() {
        faults.update(s -> s.withThrottleNext(1, 1));
        client.post()
                .uri("/jwt-api-token-auth/")
                .bodyValue(Map.of("username", "admin", "password", "admin"))
                .exchange()
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .valueEquals("Retry-After", "1")
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("Request was throttled. Expected available in 1 second.");
    }

    @Test
    void throttlingComesBeforeFailNextAndEachRequestTakesOneFault() {
        String auth = jwt();
        faults.update(s -> s.withThrottleNext(1, 2).withFailNext(1, 500));
        get(auth, "/personnel/api/areas/").expectStatus().isEqualTo(429);
        get(auth, "/personnel/api/areas/").expectStatus().isEqualTo(500);
        get(auth, "/personnel/api/areas/").expectStatus().isOk();
    }

    @Test
    void refusedConnectionsCloseWithoutAnAnswer() throws Exception {
        String auth = jwt();
        postFaults(Map.of("refuseConnections", true))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.refuseConnections")
                .isEqualTo(true);

        assertThatThrownBy(() -> http.send(
                        request("/personnel/api/employees/", auth).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> http.send(
                        request("/jwt-api-token-auth/", null)
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"username\":\"admin\",\"password\":\"admin\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(IOException.class);
        // the simulator's own endpoints stay reachable, so a test can switch the fault off again
        assertThat(http.send(request("/sim/stats", null).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(200);
        // counted as received; the JDK client may count twice, as it retries an idempotent request once on a reset
        assertThat(stats.requestsByEndpoint().get("GET /personnel/api/employees/"))
                .isBetween(1L, 2L);
        eventually(() -> stats.inFlight() == 0);

        postFaults(Map.of("refuseConnections", false)).expectStatus().isOk();
        assertThat(http.send(request("/personnel/api/employees/", auth).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void webClientSeesARefusedConnectionAsARequestError() {
        faults.set(FaultSettings.NONE.withRefuseConnections(true));
        WebClient web = WebClient.create("http://localhost:" + port);
        assertThatThrownBy(() -> web.get()
                        .uri("/personnel/api/employees/")
                        .retrieve()
                        .toBodilessEntity()
                        .block(Duration.ofSeconds(10)))
                .isInstanceOf(WebClientRequestException.class);
    }

    @Test
    void hangHoldsTheAnswerPastAClientReadTimeout() throws Exception {
        String auth = jwt();
        postFaults(Map.of("hangMs", 1500))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.hangMs")
                .isEqualTo(1500);
        assertThatThrownBy(() -> http.send(
                        request("/personnel/api/employees/", auth)
                                .timeout(Duration.ofMillis(300))
                                .build(),
                        HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);

        long started = System.nanoTime();
        assertThat(http.send(request("/personnel/api/employees/", auth).build(), HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void slowPagesDelayOnlyListRequests() {
        String auth = jwt();
        postFaults(Map.of("slowPagesMs", 600)).expectStatus().isOk();
        assertThat(timed(() ->
                        get(auth, "/personnel/api/departments/").expectStatus().isOk()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(600));
        assertThat(timed(() -> get(auth, "/personnel/api/departments/1/")
                        .expectStatus()
                        .isOk()))
                .isLessThan(Duration.ofMillis(600));
        assertThat(timed(() -> post(
                                auth,
                                "/iclock/api/transactions/",
                                Map.of("emp_code", "1", "punch_time", "2024-01-01 09:00:00"))
                        .expectStatus()
                        .isCreated()))
                .isLessThan(Duration.ofMillis(600));
    }

    @Test
    void latencyJitterAddsARandomExtraWithinTheJitter() {
        String auth = jwt();
        faults.update(s -> s.withLatency(Duration.ofMillis(100)).withLatencyJitter(Duration.ofMillis(300)));
        for (int i = 0; i < 5; i++) {
            assertThat(timed(() -> get(auth, "/personnel/api/positions/")
                            .expectStatus()
                            .isOk()))
                    .isBetween(Duration.ofMillis(100), Duration.ofMillis(100 + 300 + 1000));
        }
        getFaults()
                .expectBody()
                .jsonPath("$.latencyMs")
                .isEqualTo(100)
                .jsonPath("$.latencyJitterMs")
                .isEqualTo(300);
    }

    @Test
    void postingFaultsMergesIntoTheCurrentSettings() {
        postFaults(Map.of("latencyMs", 50, "errorStatus", 500)).expectStatus().isOk();
        postFaults(Map.of("failNext", 2))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.latencyMs")
                .isEqualTo(50)
                .jsonPath("$.errorStatus")
                .isEqualTo(500)
                .jsonPath("$.failNext")
                .isEqualTo(2)
                .jsonPath("$.failNextStatus")
                .isEqualTo(503)
                .jsonPath("$.retryAfterSeconds")
                .isEqualTo(1)
                .jsonPath("$.refuseConnections")
                .isEqualTo(false)
                .jsonPath("$.tokenTtlSeconds")
                .isEmpty()
                .jsonPath("$.insertWhilePaging")
                .isEmpty();
        Map<String, Object> nulls = new HashMap<>();
        nulls.put("latencyMs", null);
        postFaults(nulls)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.latencyMs")
                .isEqualTo(0)
                .jsonPath("$.failNext")
                .isEqualTo(2);
    }

    @Test
    void invalidOrUnknownSwitchesAreRejectedAndChangeNothing() {
        postFaults(Map.of("latencyMs", 10, "failnext", 3))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.failnext[0]")
                .isEqualTo("Unknown fault switch.");
        postFaults(Map.of("failNextStatus", 200))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.failNextStatus")
                .exists();
        postFaults(Map.of("throttleNext", -1)).expectStatus().isBadRequest();
        postFaults(Map.of("refuseConnections", "yes")).expectStatus().isBadRequest();
        postFaults(Map.of("insertWhilePaging", Map.of("count", 0)))
                .expectStatus()
                .isBadRequest();
        assertThat(faults.current()).isEqualTo(FaultSettings.NONE);
    }

    @Test
    void tokenTtlSwitchExpiresNewJwtsAtRunTime() throws Exception {
        postFaults(Map.of("tokenTtlSeconds", 1))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.tokenTtlSeconds")
                .isEqualTo(1);
        String auth = jwt();
        get(auth, "/personnel/api/employees/").expectStatus().isOk();
        Thread.sleep(1100);
        get(auth, "/personnel/api/employees/")
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals("WWW-Authenticate", "JWT realm=\"api\"")
                .expectBody()
                .json("{\"detail\":\"Signature has expired.\"}", true);

        deleteFaults()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.tokenTtlSeconds")
                .isEmpty();
        String lasting = jwt();
        Thread.sleep(1100);
        get(lasting, "/personnel/api/employees/").expectStatus().isOk();
    }

    @Test
    void faultsLeaveSimAndActuatorPathsAlone() {
        faults.set(FaultSettings.NONE.withFailNext(1, 503).withLatency(Duration.ofMillis(800)));
        assertThat(timed(() ->
                        client.get().uri("/sim/stats").exchange().expectStatus().isOk()))
                .isLessThan(Duration.ofMillis(800));
        client.get().uri("/actuator/health").exchange().expectStatus().isOk();
        client.get().uri("/sim/employees").exchange().expectStatus().isOk();
        assertThat(faults.current().failNext()).isEqualTo(1);

        faults.set(FaultSettings.NONE.withRefuseConnections(true));
        client.get().uri("/actuator/health").exchange().expectStatus().isOk();
        postSim("/sim/transactions", List.of()).expectStatus().isCreated();
    }

    @Test
    void resetTurnsEveryFaultOff() {
        faults.set(FaultSettings.NONE
                .withFailNext(5, 500)
                .withThrottleNext(5, 3)
                .withRefuseConnections(true)
                .withHang(Duration.ofSeconds(5))
                .withSlowPages(Duration.ofSeconds(5))
                .withTokenTtl(Duration.ofSeconds(1))
                .withInsertWhilePaging(new FaultSettings.InsertWhilePaging(1, null, null, null)));
        deleteFaults()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.failNext")
                .isEqualTo(0)
                .jsonPath("$.throttleNext")
                .isEqualTo(0)
                .jsonPath("$.refuseConnections")
                .isEqualTo(false)
                .jsonPath("$.hangMs")
                .isEqualTo(0);
        assertThat(faults.current()).isEqualTo(FaultSettings.NONE);
        get(jwt(), "/personnel/api/departments/").expectStatus().isOk();
    }

    private HttpRequest.Builder request(String path, String auth) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json");
        return auth == null ? b : b.header("Authorization", auth);
    }

    private List<Integer> concurrently(int n, String path, String auth) {
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(http.sendAsync(request(path, auth).build(), HttpResponse.BodyHandlers.ofString()));
        }
        return calls.stream()
                .map(CompletableFuture::join)
                .map(HttpResponse::statusCode)
                .toList();
    }

    static Duration timed(Runnable call) {
        long started = System.nanoTime();
        call.run();
        return Duration.ofNanos(System.nanoTime() - started);
    }

    @Test
    void aDroppedReplyCarriesTheWriteOutAndLosesOnlyTheAnswer() {
        String auth = jwt();
        faults.set(FaultSettings.NONE.withDropReplyRate(1.0));
        WebClient web = WebClient.create("http://localhost:" + port);
        assertThatThrownBy(() -> web.post()
                        .uri("/iclock/api/transactions/")
                        .header("Authorization", auth)
                        .bodyValue(Map.of("emp_code", "1", "punch_time", "2024-06-26 09:00:00"))
                        .retrieve()
                        .toBodilessEntity()
                        .block(Duration.ofSeconds(10)))
                .isInstanceOf(WebClientRequestException.class);
        assertThat(transactions.size()).as("stored, though no answer came").isEqualTo(1);
        // reads are answered: only writes lose their reply
        get(auth, "/iclock/api/transactions/")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.count")
                .isEqualTo(1);
        postFaults(Map.of("dropReplyRate", 1.5))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.dropReplyRate[0]")
                .isEqualTo("dropReplyRate must be within 0..1");
    }

    @Test
    void failNextCanBeAimedAtOnePath() {
        String auth = jwt();
        postFaults(Map.of("failNext", 1, "failNextPath", "/iclock/cdata"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.failNextPath")
                .isEqualTo("/iclock/cdata");
        get(auth, "/personnel/api/employees/").expectStatus().isOk();
        client.post()
                .uri("/iclock/cdata?SN=S1&table=OPERLOG")
                .bodyValue("x")
                .exchange()
                .expectStatus()
                .isEqualTo(503);
        client.post()
                .uri("/iclock/cdata?SN=S1&table=OPERLOG")
                .bodyValue("x")
                .exchange()
                .expectStatus()
                .isOk();
    }
}
