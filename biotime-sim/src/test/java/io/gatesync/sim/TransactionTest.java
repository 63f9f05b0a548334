package io.gatesync.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import io.gatesync.sim.transactions.NewPunch;
import io.gatesync.sim.transactions.Transaction;
import io.gatesync.sim.transactions.TransactionStore;

class TransactionTest extends LoggedInSimTest {

    private static final String TRANSACTIONS = "/iclock/api/transactions/";

    @Autowired
    TransactionStore transactions;

    @Test
    void postedPunchOfAKnownEmployeeReadsWithNamesAndStringPunchState() {
        post(
                        auth,
                        "/personnel/api/employees/",
                        employeeBody("7", "first_name", "Ann", "last_name", "Lee", "position", 1))
                .expectStatus()
                .isCreated();
        post(
                        auth,
                        TRANSACTIONS,
                        Map.of(
                                "emp_code",
                                "7",
                                "punch_time",
                                "2024-06-26 09:00:00",
                                "punch_state",
                                1,
                                "verify_type",
                                15,
                                "terminal_sn",
                                "CEUY201760002"))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo(1)
                .jsonPath("$.emp_code")
                .isEqualTo("7")
                .jsonPath("$.first_name")
                .isEqualTo("Ann")
                .jsonPath("$.last_name")
                .isEqualTo("Lee")
                .jsonPath("$.department")
                .isEqualTo("Department")
                .jsonPath("$.position")
                .isEqualTo("Position")
                .jsonPath("$.punch_time")
                .isEqualTo("2024-06-26 09:00:00")
                .jsonPath("$.punch_state")
                .isEqualTo("1")
                .jsonPath("$.punch_state_display")
                .isEqualTo("Check Out")
                .jsonPath("$.verify_type")
                .isEqualTo(15)
                .jsonPath("$.verify_type_display")
                .isEqualTo("Face")
                .jsonPath("$.work_code")
                .isEqualTo("")
                .jsonPath("$.gps_location")
                .isEqualTo("")
                .jsonPath("$.area_alias")
                .isEmpty()
                .jsonPath("$.terminal_sn")
                .isEqualTo("CEUY201760002")
                .jsonPath("$.temperature")
                .isEqualTo(0.0)
                .jsonPath("$.terminal_alias")
                .isEmpty()
                .jsonPath("$.upload_time")
                .value(String.class, t -> assertThat(t).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"));
        assertThat(transactions.all()).singleElement().satisfies(t -> {
            assertThat(t.punchTime()).isEqualTo(LocalDateTime.of(2024, 6, 26, 9, 0));
            assertThat(t.source()).isEqualTo(Transaction.Source.API);
        });
    }

    @Test
    void punchOfAnUnknownEmpCodeIsAcceptedWithNullNames() {
        post(auth, TRANSACTIONS, Map.of("emp_code", "ghost", "punch_time", "2024-06-26 09:00:00", "punch_state", "0"))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.first_name")
                .isEmpty()
                .jsonPath("$.department")
                .isEmpty()
                .jsonPath("$.punch_state_display")
                .isEqualTo("Check In");
    }

    @Test
    void aSecondPunchOfOnePersonInOneSecondIsRefusedWhateverItsState() {
        post(auth, TRANSACTIONS, Map.of("emp_code", "1", "punch_time", "2024-06-26 09:00:00", "punch_state", 0))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo(1);
        for (int state : new int[] {0, 1}) {
            post(auth, TRANSACTIONS, Map.of("emp_code", "1", "punch_time", "2024-06-26 09:00:00", "punch_state", state))
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .json("{\"non_field_errors\":[\"The fields emp_code, punch_time must make a unique set.\"]}", true);
        }
        post(auth, TRANSACTIONS, Map.of("emp_code", "2", "punch_time", "2024-06-26 09:00:00", "punch_state", 1))
                .expectStatus()
                .isCreated();
        post(auth, TRANSACTIONS, Map.of("emp_code", "1", "punch_time", "2024-06-26 09:00:01", "punch_state", 1))
                .expectStatus()
                .isCreated();
        assertThat(transactions.size()).isEqualTo(3);
    }

    @Test
    void missingFieldsAreA400UnderTheirKeys() {
        post(auth, TRANSACTIONS, Map.of("punch_state", 0))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .json(
                        "{\"emp_code\":[\"This field is required.\"],\"punch_time\":[\"This field is required.\"]}",
                        true);
    }

    @Test
    void badPunchTimeIsA400WithTheDrfFormatMessage() {
        post(auth, TRANSACTIONS, Map.of("emp_code", "1", "punch_time", "2024-06-26T09:00:00Z"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .json(
                        "{\"punch_time\":[\"Datetime has wrong format. Use one of these formats instead: YYYY-MM-DD hh:mm:ss.\"]}",
                        true);
    }

    @Test
    void punchStateOutsideZeroToFiveAnd255IsA400() {
        post(auth, TRANSACTIONS, Map.of("emp_code", "1", "punch_time", "2024-06-26 09:00:00", "punch_state", 6))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.punch_state[0]")
                .isEqualTo("\"6\" is not a valid choice.");
        assertThat(transactions.size()).isZero();
        post(auth, TRANSACTIONS, Map.of("emp_code", "1", "punch_time", "2024-06-26 09:00:00", "punch_state", "255"))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.punch_state")
                .isEqualTo("255")
                .jsonPath("$.punch_state_display")
                .isEqualTo("Unknown");
    }

    @Test
    void startAndEndTimeAreInclusiveAndOrderingByPunchTimeThenIdIsHonoured() {
        inject("A", "2024-01-01 10:00:00"); // id 1
        inject("B", "2024-01-01 08:00:00"); // id 2, before the window
        inject("C", "2024-01-01 09:00:00"); // id 3
        inject("D", "2024-01-01 09:00:00"); // id 4, same time as C
        inject("E", "2024-01-01 10:00:01"); // id 5, after the window
        get(auth, TRANSACTIONS + "?start_time=2024-01-01 09:00:00&end_time=2024-01-01 10:00:00&ordering=punch_time,id")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.count")
                .isEqualTo(3)
                .jsonPath("$.data[*].id")
                .isEqualTo(List.of(3, 4, 1));
        get(auth, TRANSACTIONS + "?ordering=-punch_time,nonsense")
                .expectBody()
                .jsonPath("$.data[*].id")
                .isEqualTo(List.of(5, 1, 3, 4, 2));
        get(auth, TRANSACTIONS).expectBody().jsonPath("$.data[*].id").isEqualTo(List.of(1, 2, 3, 4, 5));
        get(auth, TRANSACTIONS + "?emp_code=C").expectBody().jsonPath("$.count").isEqualTo(1);
    }

    @Test
    void plainDateBoundsAreAccepted() {
        inject("A", "2023-12-31 23:59:59");
        inject("A", "2024-01-01 00:00:00");
        inject("A", "2024-01-02 12:00:00");
        get(auth, TRANSACTIONS + "?start_time=2024-01-01")
                .expectBody()
                .jsonPath("$.count")
                .isEqualTo(2);
        get(auth, TRANSACTIONS + "?end_time=2024-01-01")
                .expectBody()
                .jsonPath("$.count")
                .isEqualTo(2);
    }

    @Test
    void unparsableStartTimeGivesAnEmptyListNotAnError() {
        inject("A", "2024-01-01 10:00:00");
        get(auth, TRANSACTIONS + "?start_time=yesterday")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.count")
                .isEqualTo(0)
                .jsonPath("$.data.length()")
                .isEqualTo(0)
                .jsonPath("$.next")
                .isEmpty();
    }

    @Test
    void pageSizeAboveTheMaximumIsClampedTo5000() {
        for (int i = 0; i < 5001; i++) {
            transactions.add(NewPunch.device(
                    "X", null, LocalDateTime.of(2024, 1, 1, 0, 0).plusSeconds(i), 0, "SN1"));
        }
        get(auth, TRANSACTIONS + "?page_size=100000")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.count")
                .isEqualTo(5001)
                .jsonPath("$.data.length()")
                .isEqualTo(5000)
                .jsonPath("$.next")
                .isEqualTo("http://biotime-internal:8081/iclock/api/transactions/?page=2&page_size=100000");
    }

    @Test
    void singleTransactionCanBeReadAndDeleted() {
        inject("A", "2024-01-01 10:00:00");
        get(auth, TRANSACTIONS + "1/")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.emp_code")
                .isEqualTo("A");
        client.delete()
                .uri(TRANSACTIONS + "1/")
                .header("Authorization", auth)
                .exchange()
                .expectStatus()
                .isNoContent();
        get(auth, TRANSACTIONS + "1/").expectStatus().isNotFound();
    }

    @Test
    void injectedDevicePunchesShowUpInTheList() {
        postSim(
                        "/sim/transactions",
                        List.of(
                                Map.of(
                                        "emp_code",
                                        "7",
                                        "punch_time",
                                        "2024-01-01 08:00:00",
                                        "punch_state",
                                        0,
                                        "terminal_sn",
                                        "T1"),
                                Map.of("emp_code", "7", "punch_time", "2024-01-01 17:00:00", "punch_state", 1)))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(2);
        get(auth, TRANSACTIONS + "?terminal_sn=T1")
                .expectBody()
                .jsonPath("$.count")
                .isEqualTo(1);
        client.get()
                .uri("/sim/transactions?source=INJECTED")
                .exchange()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(2);
        postSim("/sim/transactions", List.of(Map.of("emp_code", "7")))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$[0].punch_time")
                .exists();
        postSim(
                        "/sim/transactions",
                        List.of(
                                Map.of("emp_code", "8", "punch_time", "2024-01-01 09:00:00"),
                                Map.of("emp_code", "7", "punch_time", "2024-01-01 08:00:00", "punch_state", 1)))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$[0]")
                .isEmpty()
                .jsonPath("$[1].non_field_errors[0]")
                .isEqualTo("The fields emp_code, punch_time must make a unique set.");
        assertThat(transactions.size()).as("all or nothing").isEqualTo(2);
    }

    @Test
    void theRulesCanIgnoreTheSortAndCapThePageSize() {
        inject("A", "2024-01-01 10:00:00");
        inject("B", "2024-01-01 08:00:00");
        inject("C", "2024-01-01 09:00:00");
        get(auth, TRANSACTIONS + "?ordering=-upload_time,-id")
                .expectBody()
                .jsonPath("$.data[*].id")
                .isEqualTo(List.of(3, 2, 1));
        postSim("/sim/rules", Map.of("ordering", "ignored", "maxPageSize", 2))
                .expectStatus()
                .isOk();
        get(auth, TRANSACTIONS + "?ordering=-upload_time,-id&page_size=10")
                .expectBody()
                .jsonPath("$.data[*].id")
                .isEqualTo(List.of(1, 2))
                .jsonPath("$.count")
                .isEqualTo(3);
    }

    @Test
    void aRestoreDropsLaterPunchesAndGivesTheirIdsAgain() {
        inject("A", "2024-01-01 10:00:00");
        inject("B", "2024-01-01 11:00:00");
        inject("C", "2024-01-01 12:00:00");
        postSim("/sim/transactions/restore", Map.of("keepUpTo", 1))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.removed")
                .isEqualTo(2);
        inject("D", "2024-01-01 13:00:00");
        get(auth, TRANSACTIONS + "2/")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.emp_code")
                .isEqualTo("D");
    }

    private void inject(String empCode, String punchTime) {
        transactions.add(NewPunch.device(empCode, null, LocalDateTime.parse(punchTime.replace(' ', 'T')), 0, "SN1"));
    }
}
