package io.gatesync.sim;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** The other side of each switch: exact emp_code filter, "results" envelope, Chinese messages, another internal host. */
@TestPropertySource(
        properties = {
            "sim.emp-code-match=exact",
            "sim.envelope=results",
            "sim.language=zh",
            "sim.internal-host=http://10.0.0.5:8081/",
            "sim.username=svc",
            "sim.password=s3cret"
        })
class AlternateSettingsTest extends SimIntegrationTest {

    @Override
    String jwt() {
        return "JWT " + token("/jwt-api-token-auth/", "svc", "s3cret");
    }

    @Test
    void empCodeFilterMatchesExactlyWhenConfigured() {
        String auth = jwt();
        createEmployee(auth, "12");
        createEmployee(auth, "123");
        get(auth, "/personnel/api/employees/?emp_code=12")
                .expectBody()
                .jsonPath("$.count")
                .isEqualTo(1)
                .jsonPath("$.results[0].emp_code")
                .isEqualTo("12")
                .jsonPath("$.data")
                .doesNotExist();
    }

    @Test
    void linksUseTheConfiguredInternalHost() {
        String auth = jwt();
        createEmployee(auth, "1");
        createEmployee(auth, "2");
        get(auth, "/personnel/api/employees/?page_size=1")
                .expectBody()
                .jsonPath("$.next")
                .isEqualTo("http://10.0.0.5:8081/personnel/api/employees/?page=2&page_size=1");
    }

    @Test
    void duplicateEmpCodeMessageIsLocalisedUnlessEnglishIsAsked() {
        String auth = jwt();
        createEmployee(auth, "1");
        Map<String, Object> dup = Map.of("emp_code", "1", "department", 1, "area", List.of(1));
        post(auth, "/personnel/api/employees/", dup)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .json("{\"emp_code\":[\"员工编号已存在\"]}", true);
        client.post()
                .uri("/personnel/api/employees/")
                .header("Authorization", auth)
                .header("Accept-Language", "en")
                .bodyValue(dup)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.emp_code[0]")
                .isEqualTo("Employee code already exists.");
    }

    @Test
    void defaultCredentialsNoLongerWork() {
        client.post()
                .uri("/jwt-api-token-auth/")
                .bodyValue(Map.of("username", "admin", "password", "admin"))
                .exchange()
                .expectStatus()
                .isBadRequest();
    }
}
