package io.gatesync.sim;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.gatesync.sim.admin.SimReset;

/** One running simulator (default settings) shared by the test classes, reset before each test. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=biotime-sim")
abstract class SimIntegrationTest {

    @LocalServerPort
    int port;

    @Autowired
    SimReset reset;

    WebTestClient client;

    @BeforeEach
    void freshSimulator() {
        reset.resetAll();
        client = WebTestClient.bindToServer().baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(10))
                .codecs(c -> c.defaultCodecs().maxInMemorySize(16 * 1024 * 1024)) // a 5000-row page is ~2 MB
                .build();
    }

    /** Logs in and returns a ready Authorization header value. */
    String jwt() {
        Map<?, ?> reply = client.post().uri("/jwt-api-token-auth/").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "admin", "password", "admin"))
                .exchange().expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody();
        return "JWT " + reply.get("token");
    }

    WebTestClient.ResponseSpec post(String auth, String uri, Object body) {
        return client.post().uri(uri).header("Authorization", auth).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }

    WebTestClient.ResponseSpec get(String auth, String uri) {
        return client.get().uri(uri).header("Authorization", auth).exchange();
    }

    /** Creates an employee in department 1 / area 1 and returns its id. */
    long createEmployee(String auth, String empCode) {
        Map<?, ?> e = post(auth, "/personnel/api/employees/", Map.of("emp_code", empCode, "department", 1, "area", java.util.List.of(1)))
                .expectStatus().isCreated().expectBody(Map.class).returnResult().getResponseBody();
        return ((Number) e.get("id")).longValue();
    }
}
