package io.gatesync.sim;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyExtractors;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import reactor.core.publisher.Flux;

import io.gatesync.sim.admin.SimReset;

/** One running simulator (default settings) shared by the test classes, reset before each test. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=biotime-sim")
abstract class SimIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    SimReset reset;

    WebTestClient client;

    @BeforeEach
    void freshSimulator() {
        reset.resetAll();
        client = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(10))
                .codecs(c -> c.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)) // a 5000-row page is ~2 MB
                .filter(BODY_ON_HEAP)
                .build();
    }

    /**
     * Reads every response body into a heap copy and releases Netty's buffers. WebTestClient leaks the pooled buffers
     * of a body the test never decodes ({@code exchange().expectStatus()} alone, {@code returnResult(...).getStatus()}:
     * spring-framework#31335, #36050), which Netty reports as "LEAK: ByteBuf.release() was not called" on the
     * shared reactor-http event loop, where it reads as if the simulator had leaked.
     */
    static final ExchangeFilterFunction BODY_ON_HEAP = (request, next) -> next.exchange(request)
            .flatMap(response -> DataBufferUtils.join(response.body(BodyExtractors.toDataBuffers()))
                    .map(joined -> {
                        byte[] bytes = new byte[joined.readableByteCount()];
                        joined.read(bytes);
                        DataBufferUtils.release(joined);
                        return bytes;
                    })
                    .defaultIfEmpty(new byte[0])
                    // the transforming body(...) variant: the plain one would subscribe to the spent body again
                    .map(bytes -> response.mutate()
                            .body(spent -> bytes.length == 0
                                    ? Flux.empty()
                                    : Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(bytes)))
                            .build()));

    /** Logs in and returns a ready Authorization header value. */
    String jwt() {
        return "JWT " + token("/jwt-api-token-auth/", "admin", "admin");
    }

    /** Logs in at {@code path} (a JWT or a DRF token endpoint), expecting success, and returns the token. */
    String token(String path, String username, String password) {
        WebTestClient.ResponseSpec reply = client.post()
                .uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", username, "password", password))
                .exchange();
        return (String) jsonObject(reply, HttpStatus.OK).get("token");
    }

    /** The JSON object {@code reply} carries, after checking its status. */
    static Map<?, ?> jsonObject(WebTestClient.ResponseSpec reply, HttpStatus status) {
        return reply.expectStatus()
                .isEqualTo(status)
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    WebTestClient.ResponseSpec post(String auth, String uri, Object body) {
        return send(HttpMethod.POST, auth, uri, body);
    }

    /** A JSON request with a body (POST, PUT, PATCH) carrying {@code auth}. */
    WebTestClient.ResponseSpec send(HttpMethod method, String auth, String uri, Object body) {
        return client.method(method)
                .uri(uri)
                .header("Authorization", auth)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    WebTestClient.ResponseSpec get(String auth, String uri) {
        return client.get().uri(uri).header("Authorization", auth).exchange();
    }

    /** A POST to one of the simulator's own {@code /sim/...} endpoints, which need no login. */
    WebTestClient.ResponseSpec postSim(String path, Object body) {
        return client.post().uri(path).bodyValue(body).exchange();
    }

    /** Switches faults on or off over {@code POST /sim/faults}, as the other modules' tests do. */
    WebTestClient.ResponseSpec postFaults(Object switches) {
        return postSim("/sim/faults", switches);
    }

    /** The {@code GET /sim/faults} answer. */
    WebTestClient.ResponseSpec getFaults() {
        return client.get().uri("/sim/faults").exchange();
    }

    /** Turns every fault off over {@code DELETE /sim/faults}. */
    WebTestClient.ResponseSpec deleteFaults() {
        return client.delete().uri("/sim/faults").exchange();
    }

    /** The {@code GET /sim/stats} body, after checking it answered 200. */
    WebTestClient.BodyContentSpec statsBody() {
        return client.get().uri("/sim/stats").exchange().expectStatus().isOk().expectBody();
    }

    /** Creates an employee in department 1 / area 1 and returns its id. */
    long createEmployee(String auth, String empCode) {
        return createdId(auth, "/personnel/api/employees/", employeeBody(empCode));
    }

    /** POSTs {@code body} to a list endpoint, expecting a 201, and returns the new object's id. */
    long createdId(String auth, String uri, Object body) {
        return ((Number) jsonObject(post(auth, uri, body), HttpStatus.CREATED).get("id")).longValue();
    }

    /** An employee in department 1 / area 1, then the name-value pairs {@code more}, as a JSON body. */
    static Map<String, Object> employeeBody(String empCode, Object... more) {
        Map<String, Object> body =
                new LinkedHashMap<>(Map.of("emp_code", empCode, "department", 1, "area", List.of(1)));
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return body;
    }

    /** Polls for up to five seconds, for counters that settle just after the client has its answer. */
    static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(20);
        }
    }
}
