package io.gatesync.api.security;

import static io.gatesync.api.Responses.expectOk;
import static io.gatesync.api.Responses.get;
import static io.gatesync.api.Responses.ok;
import static io.gatesync.api.Responses.unauthorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import io.gatesync.common.config.InvalidSettingException;
import io.gatesync.common.config.ZktecoProperties;
import io.gatesync.testsupport.TestServices;

/**
 * The environment's admin across restarts of the api on one database, and secrets read from files. Each start is
 * a whole api on real MySQL/MariaDB and RabbitMQ.
 */
class FirstAdminTest {

    private static final String FIRST = "first-admin-password";
    private static final String SECOND = "second-admin-password";

    @Test
    void theFirstAdminIsCreatedOnceFromTheEnvironmentWhichIsOptionalLaterAndWinsWhenGiven() {
        String db = TestServices.get().newDatabase();

        assertThatThrownBy(() -> SecuredApi.start(db, "--gatesync.admin.password="))
                .as("no admin yet and no password: no start")
                .hasRootCauseInstanceOf(InvalidSettingException.class)
                .rootCause()
                .hasMessageStartingWith("GATESYNC_ADMIN_PASSWORD=(empty) is not allowed: use the first "
                        + "admin's password (no admin exists yet)");

        Map<String, Object> created;
        try (SecuredApi api = boss(db, FIRST)) {
            ok(get(api.basic("boss", FIRST), "/zkteco/users"))
                    .jsonPath("$[0].username")
                    .isEqualTo("boss")
                    .jsonPath("$[0].role")
                    .isEqualTo("ADMIN")
                    .jsonPath("$.length()")
                    .isEqualTo(1);
            created = admins(api);
        }
        try (SecuredApi api = boss(db, FIRST)) {
            assertThat(admins(api)).as("the same row, untouched").isEqualTo(created);
        }
        try (SecuredApi api = SecuredApi.start(db, "--gatesync.admin.password=")) {
            expectOk(get(api.basic("boss", FIRST), "/api/people"));
            assertThat(admins(api)).isEqualTo(created);
        }
        try (SecuredApi api = boss(db, SECOND)) {
            expectOk(get(api.basic("boss", SECOND), "/api/people"));
            unauthorized(get(api.basic("boss", FIRST), "/api/people"));
            assertThat(admins(api)).containsEntry("n", 1L).containsEntry("created_at", created.get("created_at"));
        }
    }

    @Test
    void aBadAdminPasswordStopsStartUpWithoutShowingIt() {
        assertThatThrownBy(() -> SecuredApi.start(null, "--gatesync.admin.password=short-pw"))
                .hasRootCauseInstanceOf(InvalidSettingException.class)
                .rootCause()
                .hasMessage("GATESYNC_ADMIN_PASSWORD=(hidden) is not allowed: use a password of at least "
                        + "12 characters and at most 72 bytes in UTF-8");
    }

    @Test
    void secretsMayComeFromFilesNamedLikeTheVariableOrTheProperty(@TempDir Path secrets) throws IOException {
        // as Docker and Kubernetes write them: one file per secret, often ending in a newline
        Files.writeString(secrets.resolve("GATESYNC_ADMIN_PASSWORD"), "admin-password-from-a-file\n");
        Files.writeString(secrets.resolve("ZKTECO_USERNAME"), "biotime-user-from-a-file\n");
        Files.writeString(secrets.resolve("zkteco.password"), "biotime-password-from-a-file\n");
        try (SecuredApi api = SecuredApi.start(null, "--GATESYNC_SECRETS_DIR=" + secrets + "/")) {
            expectOk(get(api.basic("admin", "admin-password-from-a-file"), "/api/people"));
            ZktecoProperties biotime = api.context.getBean(ZktecoProperties.class);
            assertThat(biotime.username()).isEqualTo("biotime-user-from-a-file");
            assertThat(biotime.password()).isEqualTo("biotime-password-from-a-file");
        }
    }

    private static SecuredApi boss(String db, String password) {
        return SecuredApi.start(db, "--gatesync.admin.username=boss", "--gatesync.admin.password=" + password);
    }

    private static Map<String, Object> admins(SecuredApi api) {
        return api.context
                .getBean(JdbcTemplate.class)
                .queryForMap("SELECT COUNT(*) AS n, "
                        + "MIN(created_at) AS created_at, MIN(updated_at) AS updated_at, MIN(password_hash) AS hash "
                        + "FROM users WHERE role = 'ADMIN'");
    }
}
