package io.gatesync.api;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.gatesync.testsupport.TestServices;

/**
 * A running api for route tests, without workers: a fresh database and queue prefix on the real services, an admin,
 * and a client that signs in as that admin with HTTP Basic.
 */
public final class TestApi implements AutoCloseable {

    public static final String ADMIN = "admin";
    public static final String PASSWORD = "test-admin-pw";

    public final ConfigurableApplicationContext context;
    public final WebTestClient http;
    public final JdbcTemplate db;

    private TestApi(ConfigurableApplicationContext context) {
        this.context = context;
        this.http = WebTestClient.bindToServer()
                .baseUrl(baseUrl())
                .defaultHeaders(h -> h.setBasicAuth(ADMIN, PASSWORD))
                .responseTimeout(Duration.ofSeconds(30))
                .build();
        this.db = context.getBean(JdbcTemplate.class);
    }

    /** {@code http://127.0.0.1:<port>} of the running api. */
    public String baseUrl() {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    /** A client that signs in as nobody. */
    public WebTestClient anonymous() {
        return WebTestClient.bindToServer().baseUrl(baseUrl()).build();
    }

    /** Starts the api with these extra arguments (e.g. {@code --zkteco.timezone=Asia/Karachi}). */
    public static TestApi start(String... args) {
        TestServices services = TestServices.get();
        List<String> all =
                new ArrayList<>(Arrays.asList(services.springArgs(services.newDatabase(), services.newQueuePrefix())));
        all.addAll(List.of(
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--gatesync.admin.username=" + ADMIN,
                "--gatesync.admin.password=" + PASSWORD));
        all.addAll(Arrays.asList(args));
        return new TestApi(ApiApplication.builder().run(all.toArray(String[]::new)));
    }

    @Override
    public void close() {
        context.close();
    }
}
