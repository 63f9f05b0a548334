package io.gatesync.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.gatesync.sim.personnel.EmployeeStore;

/** Resignation and reinstatement as biotime-api.md §3 describes them: the employee stays, attendance off and on. */
class ResignTest extends LoggedInSimTest {

    private static final String RESIGNS = "/personnel/api/resigns/";

    @Autowired
    EmployeeStore employees;

    @Test
    void aResignationKeepsTheEmployeeWithAttendanceDisabledAndReinstatementTurnsItOnAgain() {
        long id = createEmployee(auth, "3520112345671");
        post(
                        auth,
                        RESIGNS,
                        Map.of(
                                "employee",
                                id,
                                "resign_date",
                                "2026-11-30",
                                "resign_type",
                                1,
                                "reason",
                                "left",
                                "disableatt",
                                true))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo(1)
                .jsonPath("$.employee.emp_code")
                .isEqualTo("3520112345671")
                .jsonPath("$.resign_date")
                .isEqualTo("2026-11-30")
                .jsonPath("$.disableatt")
                .isEqualTo(true);
        get(auth, "/personnel/api/employees/" + id + "/")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.enable_att")
                .isEqualTo(false);
        get(auth, RESIGNS + "?employee=" + id)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.count")
                .isEqualTo(1)
                .jsonPath("$.data[0].id")
                .isEqualTo(1);
        // one resignation per employee
        post(auth, RESIGNS, Map.of("employee", id))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.employee[0]")
                .isEqualTo("This employee has resigned already.");

        // a resigned employee's punches are still taken (the evidence says nothing otherwise)
        post(
                        auth,
                        "/iclock/api/transactions/",
                        Map.of("emp_code", "3520112345671", "punch_time", "2026-12-01 09:00:00"))
                .expectStatus()
                .isCreated();

        post(auth, RESIGNS + "reinstatement/", Map.of("resigns", List.of(1)))
                .expectStatus()
                .isOk();
        get(auth, "/personnel/api/employees/" + id + "/")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.enable_att")
                .isEqualTo(true);
        get(auth, RESIGNS + "?employee=" + id)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.count")
                .isEqualTo(0);
        assertThat(employees.get(id)).isPresent();
    }

    @Test
    void theEmployeesAdjustRegsinActionResignsEachAndUnknownIdsAre400() {
        long a = createEmployee(auth, "1");
        long b = createEmployee(auth, "2");
        post(
                        auth,
                        "/personnel/api/employees/adjust_regsin/",
                        Map.of(
                                "employees",
                                List.of(a, b),
                                "resign_date",
                                "2026-11-30",
                                "resign_type",
                                2,
                                "reason",
                                "",
                                "disableatt",
                                true))
                .expectStatus()
                .isOk();
        assertThat(employees.get(a).orElseThrow().enableAtt()).isFalse();
        assertThat(employees.get(b).orElseThrow().enableAtt()).isFalse();
        post(auth, RESIGNS + "reinstatement/", Map.of("resigns", List.of(99)))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.resigns[0]")
                .isEqualTo("Invalid pk \"99\" - object does not exist.");
    }
}
