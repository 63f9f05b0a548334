package io.gatesync.api.security;

import static io.gatesync.api.Responses.expectOk;
import static io.gatesync.api.Responses.get;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Sign-in throttling through a running api, with clients on several loopback addresses: a stranger's guesses lock
 * only the stranger's address, guesses spread over addresses are slowed, and X-Forwarded-For counts only from a
 * trusted proxy (here 127.0.0.2). The api runs with {@code server.forward-headers-strategy=native}, as Spring Boot
 * does by itself on Kubernetes, to show that a forged header still changes nothing.
 */
class LoginThrottleApiTest {

    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "admin-secret-" + UUID.randomUUID();
    private static final String PROXY = "127.0.0.2";

    private static SecuredApi api;
    private static WebTestClient admin;
    private static JdbcTemplate db;

    @BeforeAll
    static void start() {
        api = SecuredApi.startWithAdmin(
                ADMIN,
                ADMIN_PASSWORD,
                "--gatesync.security.trusted-proxies=" + PROXY + ", 10.99.0.0/16",
                "--server.forward-headers-strategy=native");
        admin = api.basic(ADMIN, ADMIN_PASSWORD);
        db = api.context.getBean(JdbcTemplate.class);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    private static int status(WebTestClient client, String xForwardedFor) {
        return client.get()
                .uri("/zkteco/users")
                .headers(h -> {
                    if (xForwardedFor != null) {
                        h.set("X-Forwarded-For", xForwardedFor);
                    }
                })
                .exchange()
                .expectBody(Void.class)
                .returnResult()
                .getStatus()
                .value();
    }

    private static int failuresFrom(String address) {
        return db.queryForObject("SELECT COUNT(*) FROM login_failures WHERE address = ?", Integer.class, address);
    }

    /** A new admin: a stranger guessing an admin's password must not lock that admin out. */
    private static String newAdmin(String password) {
        String name = SecuredApi.unique("boss");
        api.createUser(admin, name, password, "ADMIN");
        return name;
    }

    @Test
    void tenWrongPasswordsFromOneAddressThenTheRightOneFromAnotherSignsInAtOnce() {
        String password = "boss-password-" + UUID.randomUUID();
        String boss = newAdmin(password);
        WebTestClient stranger = api.basicFrom("127.0.0.3", boss, "guess-" + UUID.randomUUID());
        List<Integer> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            answers.add(status(stranger, null));
        }
        assertThat(answers)
                .as("five are checked; the fifth locks the name for that address")
                .containsExactly(401, 401, 401, 401, 429, 429, 429, 429, 429, 429);
        assertThat(failuresFrom("127.0.0.3"))
                .as("refused attempts are not checked, nor counted")
                .isEqualTo(5);

        expectOk(get(api.basicFrom("127.0.0.4", boss, password), "/zkteco/users"));
        // the guessing address stays locked, even with the right password, but only for that name
        get(api.basicFrom("127.0.0.3", boss, password), "/zkteco/users")
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .value(
                        HttpHeaders.RETRY_AFTER,
                        s -> assertThat(Long.parseLong(s)).isBetween(800L, 900L))
                .expectBody(Void.class);
        expectOk(get(api.basicFrom("127.0.0.3", ADMIN, ADMIN_PASSWORD), "/zkteco/users"));
    }

    @Test
    void guessesSpreadOverManyAddressesAreSlowedForThatUserName() {
        String password = "boss-password-" + UUID.randomUUID();
        String boss = newAdmin(password);
        for (int i = 1; i <= 10; i++) {
            assertThat(status(api.basicFrom("127.0.1." + i, boss, "guess-" + i), null))
                    .as("address %d", i)
                    .isEqualTo(401);
        }
        // ten failures for the name: an address that failed waits 2^5 s after the latest one, unchecked
        get(api.basicFrom("127.0.1.1", boss, "guess-11"), "/zkteco/users")
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .value(
                        HttpHeaders.RETRY_AFTER,
                        s -> assertThat(Long.parseLong(s)).isBetween(1L, 32L))
                .expectBody()
                .jsonPath("$.detail")
                .value(d -> assertThat((String) d).contains("slowed down"));
        assertThat(status(api.basicFrom("127.0.1.2", boss, password), null)).isEqualTo(429);
        assertThat(status(api.basicFrom("127.0.1.99", boss, password), null))
                .as("the right password from an address that has not failed")
                .isEqualTo(200);
    }

    @Test
    void behindATrustedProxyTheForwardedClientIsTheOneThrottled() {
        String password = "boss-password-" + UUID.randomUUID();
        String boss = newAdmin(password);
        WebTestClient guesses = api.basicFrom(PROXY, boss, "guess-" + UUID.randomUUID());
        for (int i = 0; i < 4; i++) {
            // whatever the client puts left of the proxy's entry is ignored
            assertThat(status(guesses, "198.51.100." + i + ", 203.0.113.9")).isEqualTo(401);
        }
        assertThat(status(guesses, "203.0.113.9")).isEqualTo(429);
        assertThat(failuresFrom("203.0.113.9")).isEqualTo(5);
        assertThat(failuresFrom(PROXY)).isZero();

        WebTestClient right = api.basicFrom(PROXY, boss, password);
        record Forwarded(String forwardedFor, int status, String why) {}
        for (Forwarded c : List.of(
                new Forwarded("203.0.113.9", 429, "the guessing client, even with the right password"),
                new Forwarded("203.0.113.10, 203.0.113.9", 429, "a forged entry left of it"),
                new Forwarded("203.0.113.10", 200, "another client behind the same proxy"),
                new Forwarded("203.0.113.9, 10.99.4.5", 429, "a second trusted proxy is skipped"),
                new Forwarded("203.0.113.10, 10.99.4.5", 200, "another client, past a second trusted proxy"))) {
            assertThat(status(right, c.forwardedFor())).as(c.why()).isEqualTo(c.status());
        }
    }

    @Test
    void aForgedForwardedForFromAnUntrustedPeerChangesNothing() {
        String password = "boss-password-" + UUID.randomUUID();
        String boss = newAdmin(password);
        WebTestClient guesses = api.basicFrom("127.0.0.5", boss, "guess-" + UUID.randomUUID());
        for (int i = 0; i < 4; i++) {
            assertThat(status(guesses, "203.0.113." + (20 + i))).isEqualTo(401);
        }
        assertThat(status(guesses, "203.0.113.24")).isEqualTo(429);
        assertThat(failuresFrom("127.0.0.5")).isEqualTo(5);
        assertThat(status(api.basicFrom("127.0.0.5", boss, password), "203.0.113.30"))
                .as("the lock holds for the connection's address, whatever the header says")
                .isEqualTo(429);
    }
}
