package io.gatesync.worker.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import io.gatesync.common.config.ZktecoProperties;

class EmployeeDetailsTest {

    private static ZktecoProperties settings(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("zkteco", ZktecoProperties.class);
    }

    private static PersonRow person(String name, String phone, String email) {
        return new PersonRow(1, "3520212345671", name, phone, email, null, java.time.Instant.now());
    }

    @Test
    void theFirstWordIsTheFirstNameAndTheRestTheLastName() {
        Map<String, Object> body =
                EmployeeDetails.personal(person("Muhammad Ali  Raza", null, null), settings(Map.of()));
        assertThat(body).containsEntry("first_name", "Muhammad").containsEntry("last_name", "Ali Raza");
    }

    @Test
    void namesAreCutToBioTimesTwentyFiveCharacters() {
        Map<String, Object> body = EmployeeDetails.personal(
                person("Abcdefghijklmnopqrstuvwxyz0123 Bbcdefghijklmnopqrstuvwxyz0123", null, null),
                settings(Map.of()));
        assertThat((String) body.get("first_name")).hasSize(25);
        assertThat((String) body.get("last_name")).hasSize(25);
    }

    @Test
    void aMissingEmailIsGeneratedFromTheCnicAndTheConfiguredDomain() {
        Map<String, Object> body = EmployeeDetails.personal(
                person("Ali", "+92 300-1234567", null), settings(Map.of("zkteco.email-domain", "site.example.com")));
        assertThat(body)
                .containsEntry("email", "3520212345671@site.example.com")
                .containsEntry("mobile", "+923001234567")
                .containsEntry("last_name", "");
    }

    @Test
    void createPlacesTheEmployeeInTheConfiguredDepartmentPositionAndArea() {
        Map<String, Object> body = EmployeeDetails.forCreate(
                person("Ali", null, "ali@example.com"),
                settings(Map.of(
                        "zkteco.default-department", "7", "zkteco.default-position", "3", "zkteco.default-area", "2")));
        assertThat(body)
                .containsEntry("emp_code", "3520212345671")
                .containsEntry("department", 7L)
                .containsEntry("position", 3L)
                .containsEntry("email", "ali@example.com");
        assertThat((long[]) body.get("area")).containsExactly(2L);
    }
}
