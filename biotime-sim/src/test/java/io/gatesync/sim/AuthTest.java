package io.gatesync.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import io.gatesync.sim.admin.SimStats;

class AuthTest extends SimIntegrationTest {

    @Autowired
    SimStats stats;

    @Test
    void jwtLoginReturnsAThreePartToken() {
        String header = jwt();
        assertThat(header).matches("JWT [\\w-]+\\.[\\w-]+\\.[\\w-]+");
        get(header, "/personnel/api/departments/").expectStatus().isOk();
    }

    @Test
    void tokenLoginReturnsTheSame40HexTokenUsableWithTokenScheme() {
        String first = tokenLogin();
        assertThat(first).matches("[0-9a-f]{40}");
        assertThat(tokenLogin()).isEqualTo(first);
        get("Token " + first, "/personnel/api/employees/").expectStatus().isOk();
    }

    @Test
    void wrongPasswordIsA400WithNonFieldErrors() {
        client.post()
                .uri("/jwt-api-token-auth/")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "admin", "password", "nope"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .json("{\"non_field_errors\":[\"Unable to log in with provided credentials.\"]}", true);
        assertThat(stats.failedLogins()).isEqualTo(1);
        assertThat(stats.logins()).isZero();
    }

    @Test
    void missingUsernameIsA400UnderUsername() {
        client.post()
                .uri("/api-token-auth/")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("password", "admin"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .json("{\"username\":[\"This field is required.\"]}", true);
    }

    @Test
    void apiWithoutTokenIsA401() {
        client.get()
                .uri("/personnel/api/employees/")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .json("{\"detail\":\"Authentication credentials were not provided.\"}", true);
        client.get().uri("/iclock/api/transactions/").exchange().expectStatus().isUnauthorized();
        client.post()
                .uri("/att/api/manuallogs/")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of())
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void unknownTokenIsA401() {
        get("JWT aaa.bbb.ccc", "/personnel/api/employees/")
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("Error decoding signature.");
        get("Token 0123456789012345678901234567890123456789", "/personnel/api/employees/")
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("Invalid token.");
    }

    @Test
    void revokedTokensAreRejectedUntilTheClientLogsInAgain() {
        String header = jwt();
        client.post()
                .uri("/sim/revoke-tokens")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.revoked")
                .isEqualTo(1);
        get(header, "/personnel/api/employees/")
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("Signature has expired.");
        get(jwt(), "/personnel/api/employees/").expectStatus().isOk();
        assertThat(stats.logins()).isEqualTo(2);
    }

    @Test
    void loginsAreCounted() {
        jwt();
        tokenLogin();
        statsBody().jsonPath("$.logins").isEqualTo(2);
    }

    private String tokenLogin() {
        return token("/api-token-auth/", "admin", "admin");
    }
}
