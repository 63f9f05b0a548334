package io.gatesync.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;

import io.gatesync.sim.personnel.Employee;
import io.gatesync.sim.personnel.EmployeeStore;

class PersonnelTest extends LoggedInSimTest {

    private static final String EMPLOYEES = "/personnel/api/employees/";

    @Autowired
    EmployeeStore employees;

    @Test
    void createdEmployeeComesBackInTheFullReadShape() {
        post(
                        auth,
                        EMPLOYEES,
                        employeeBody(
                                "007",
                                "first_name",
                                "Ann",
                                "position",
                                1,
                                "hire_date",
                                "2020-06-01",
                                "nonsense_field",
                                "ignored"))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo(1)
                .jsonPath("$.emp_code")
                .isEqualTo("007")
                .jsonPath("$.first_name")
                .isEqualTo("Ann")
                .jsonPath("$.last_name")
                .isEmpty()
                .jsonPath("$.department")
                .isEqualTo(Map.of("id", 1, "dept_code", "1", "dept_name", "Department"))
                .jsonPath("$.position.position_name")
                .isEqualTo("Position")
                .jsonPath("$.area")
                .isEqualTo(List.of(Map.of("id", 1, "area_code", "1", "area_name", "Not Authorized")))
                .jsonPath("$.hire_date")
                .isEqualTo("2020-06-01")
                .jsonPath("$.update_time")
                .value(String.class, t -> assertThat(t).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"))
                .jsonPath("$.nonsense_field")
                .doesNotExist()
                .jsonPath("$.card_no")
                .isEmpty(); // present, null
        assertThat(employees.byCode("007")).isPresent();
    }

    @Test
    void numericEmpCodeIsStoredAsAString() {
        post(auth, EMPLOYEES, Map.of("emp_code", 42, "department", 1, "area", List.of(1)))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.emp_code")
                .isEqualTo("42");
    }

    @Test
    void duplicateEmpCodeIsA400UnderEmpCode() {
        createEmployee(auth, "100");
        post(auth, EMPLOYEES, Map.of("emp_code", "100", "department", 1, "area", List.of(1)))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .json("{\"emp_code\":[\"Employee code already exists.\"]}", true);
        assertThat(employees.all()).hasSize(1);
    }

    @Test
    void missingDepartmentIsA400UnderDepartment() {
        post(auth, EMPLOYEES, Map.of("emp_code", "1", "area", List.of(1)))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .json("{\"department\":[\"This field is required.\"]}", true);
    }

    @Test
    void unknownDepartmentIsA400WithInvalidPk() {
        post(auth, EMPLOYEES, Map.of("emp_code", "1", "department", 99, "area", List.of(1)))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .json("{\"department\":[\"Invalid pk \\\"99\\\" - object does not exist.\"]}", true);
    }

    @Test
    void unknownAreaAndPositionAreRejectedUnderTheirKeys() {
        post(auth, EMPLOYEES, Map.of("emp_code", "1", "department", 1, "area", List.of(1, 7), "position", 8))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.area[0]")
                .isEqualTo("Invalid pk \"7\" - object does not exist.")
                .jsonPath("$.position[0]")
                .isEqualTo("Invalid pk \"8\" - object does not exist.");
    }

    @Test
    void overlongNamesAndBadEmailAreRejectedPerField() {
        post(
                        auth,
                        EMPLOYEES,
                        Map.of(
                                "emp_code",
                                "1",
                                "department",
                                1,
                                "area",
                                List.of(1),
                                "first_name",
                                "x".repeat(26),
                                "mobile",
                                "1".repeat(21),
                                "email",
                                "not-an-email"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.first_name[0]")
                .isEqualTo("Ensure this field has no more than 25 characters.")
                .jsonPath("$.mobile[0]")
                .isEqualTo("Ensure this field has no more than 20 characters.")
                .jsonPath("$.email[0]")
                .isEqualTo("Enter a valid email address.");
        assertThat(employees.all()).isEmpty();
    }

    @Test
    void empCodeFilterMatchesAsAPrefixByDefault() {
        createEmployee(auth, "12");
        createEmployee(auth, "123");
        createEmployee(auth, "9");
        get(auth, EMPLOYEES + "?emp_code=12")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.count")
                .isEqualTo(2)
                .jsonPath("$.data[*].emp_code")
                .isEqualTo(List.of("12", "123"));
        get(auth, EMPLOYEES + "?emp_code_icontains=2")
                .expectBody()
                .jsonPath("$.count")
                .isEqualTo(2);
    }

    @Test
    void departmentFilterWithAGarbageValueGivesAnEmptyList() {
        createEmployee(auth, "1");
        get(auth, EMPLOYEES + "?department=1").expectBody().jsonPath("$.count").isEqualTo(1);
        get(auth, EMPLOYEES + "?department=abc&unknown=1")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.count")
                .isEqualTo(0);
    }

    @Test
    void listPagesWithDataEnvelopeAndNextLinksOnTheInternalHost() {
        for (int i = 1; i <= 3; i++) {
            createEmployee(auth, "E" + i);
        }
        get(auth, EMPLOYEES + "?page_size=2&emp_code=E")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.count")
                .isEqualTo(3)
                .jsonPath("$.msg")
                .isEqualTo("")
                .jsonPath("$.code")
                .isEqualTo(0)
                .jsonPath("$.data.length()")
                .isEqualTo(2)
                .jsonPath("$.results")
                .doesNotExist()
                .jsonPath("$.next")
                .isEqualTo("http://biotime-internal:8081/personnel/api/employees/?emp_code=E&page=2&page_size=2")
                .jsonPath("$.previous")
                .isEmpty();
        get(auth, EMPLOYEES + "?page_size=2&page=2")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data[0].emp_code")
                .isEqualTo("E3")
                .jsonPath("$.next")
                .isEmpty()
                .jsonPath("$.previous")
                .isEqualTo("http://biotime-internal:8081/personnel/api/employees/?page_size=2");
        get(auth, EMPLOYEES + "?page_size=2&page=3")
                .expectStatus()
                .isNotFound()
                .expectBody()
                .json("{\"detail\":\"Invalid page.\"}", true);
    }

    @Test
    void emptyListIsPageOneNotAnError() {
        get(auth, EMPLOYEES)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.count")
                .isEqualTo(0)
                .jsonPath("$.data.length()")
                .isEqualTo(0);
    }

    @Test
    void patchChangesOnlyTheGivenFields() {
        long id = createEmployee(auth, "P1");
        send(HttpMethod.PATCH, auth, EMPLOYEES + id + "/", Map.of("first_name", "Zed"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.first_name")
                .isEqualTo("Zed")
                .jsonPath("$.emp_code")
                .isEqualTo("P1");
        Employee stored = employees.get(id).orElseThrow();
        assertThat(stored.firstName()).isEqualTo("Zed");
        assertThat(stored.areaIds()).containsExactly(1L);
    }

    @Test
    void putNeedsEmpCodeDepartmentAndArea() {
        long id = createEmployee(auth, "P1");
        send(HttpMethod.PUT, auth, EMPLOYEES + id + "/", Map.of("first_name", "Zed"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.emp_code[0]")
                .isEqualTo("This field is required.")
                .jsonPath("$.department[0]")
                .isEqualTo("This field is required.")
                .jsonPath("$.area[0]")
                .isEqualTo("This field is required.");
    }

    @Test
    void putToAnotherEmployeesCodeIsADuplicate() {
        createEmployee(auth, "A");
        long b = createEmployee(auth, "B");
        send(HttpMethod.PUT, auth, EMPLOYEES + b + "/", Map.of("emp_code", "A", "department", 1, "area", List.of(1)))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.emp_code")
                .exists();
    }

    @Test
    void deletedEmployeeIsA404Afterwards() {
        long id = createEmployee(auth, "D1");
        client.delete()
                .uri(EMPLOYEES + id + "/")
                .header("Authorization", auth)
                .exchange()
                .expectStatus()
                .isNoContent();
        get(auth, EMPLOYEES + id + "/")
                .expectStatus()
                .isNotFound()
                .expectBody()
                .json("{\"detail\":\"Not found.\"}", true);
        assertThat(employees.byCode("D1")).isEmpty();
        createEmployee(auth, "D1"); // the code is free again
    }

    @Test
    void departmentListWritesAbsentLinksAsTheStringNull() {
        get(auth, "/personnel/api/departments/")
                .expectStatus()
                .isOk()
                .expectBody()
                .json(
                        "{\"count\":1,\"next\":\"null\",\"previous\":\"null\",\"msg\":\"\",\"code\":0,"
                                + "\"data\":[{\"id\":1,\"dept_code\":\"1\",\"dept_name\":\"Department\",\"parent_dept\":null}]}",
                        true);
        get(auth, "/personnel/api/areas/")
                .expectBody()
                .jsonPath("$.next")
                .isEqualTo("null")
                .jsonPath("$.data[0].area_name")
                .isEqualTo("Not Authorized");
        get(auth, "/personnel/api/positions/")
                .expectBody()
                .jsonPath("$.previous")
                .isEqualTo("null")
                .jsonPath("$.data[0].position_code")
                .isEqualTo("1");
    }

    @Test
    void departmentCrudAssignsIdsFromTwo() {
        post(auth, "/personnel/api/departments/", Map.of("dept_code", "HR", "dept_name", "Human Resources"))
                .expectStatus()
                .isCreated()
                .expectBody()
                .json("{\"id\":2,\"dept_code\":\"HR\",\"dept_name\":\"Human Resources\",\"parent_dept\":null}", true);
        post(auth, "/personnel/api/departments/", Map.of("dept_name", "No code"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .json("{\"dept_code\":[\"This field is required.\"]}", true);
        send(
                        HttpMethod.PUT,
                        auth,
                        "/personnel/api/departments/2/",
                        Map.of("dept_code", "HR", "dept_name", "People", "parent_dept", 1))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.parent_dept")
                .isEqualTo(1);
        get(auth, "/personnel/api/departments/?dept_name_icontains=peo")
                .expectBody()
                .jsonPath("$.count")
                .isEqualTo(1);
        client.delete()
                .uri("/personnel/api/departments/2/")
                .header("Authorization", auth)
                .exchange()
                .expectStatus()
                .isNoContent();
        get(auth, "/personnel/api/departments/2/").expectStatus().isNotFound();
    }

    @Test
    void areaAndPositionCreateRequireCodeAndName() {
        post(auth, "/personnel/api/areas/", Map.of("area_code", "2"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .json("{\"area_name\":[\"This field is required.\"]}", true);
        post(auth, "/personnel/api/positions/", Map.of("position_code", "2", "position_name", "Guard"))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo(2);
        Map<String, Object> newEmployee =
                new HashMap<>(Map.of("emp_code", "G1", "department", 1, "area", List.of(1), "position", 2));
        post(auth, EMPLOYEES, newEmployee)
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.position")
                .isEqualTo(Map.of("id", 2, "position_code", "2", "position_name", "Guard"));
    }
}
