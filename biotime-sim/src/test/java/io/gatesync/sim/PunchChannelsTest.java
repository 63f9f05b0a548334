package io.gatesync.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.gatesync.sim.transactions.ManualLog;
import io.gatesync.sim.transactions.ManualLogStore;
import io.gatesync.sim.transactions.Transaction;
import io.gatesync.sim.transactions.TransactionStore;

/**
 * The three push channels under the real server's rules: POSTed transactions count only when linked to their
 * employee; manual logs wait for approval; an ADMS terminal that added itself is Not Authorized until an admin
 * assigns it an area; one punch per person and second on every channel.
 */
class PunchChannelsTest extends SimIntegrationTest {

    private static final String TRANSACTIONS = "/iclock/api/transactions/";
    private static final String MANUAL_LOGS = "/att/api/manuallogs/";

    @Autowired
    TransactionStore transactions;

    @Autowired
    ManualLogStore manualLogs;

    // ---- transaction-api ----

    @Test
    void aPostedTransactionWithoutEmpIsStoredUnlinkedAndDoesNotCountInAttendance() {
        String auth = jwt();
        createEmployee(auth, "L1");
        post(auth, TRANSACTIONS, Map.of("emp_code", "L1", "punch_time", "2024-06-26 09:00:00", "punch_state", 0))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.emp")
                .isEmpty();
        assertThat(attendance()).isEmpty();
    }

    @Test
    void aPostedTransactionWithEmpAndTerminalIsLinkedAndCounts() {
        String auth = jwt();
        long emp = createEmployee(auth, "L2");
        long area = areaNamed(auth, "Gates");
        long terminal = createdId(
                auth,
                "/iclock/api/terminals/",
                Map.of("sn", "GATESYNC1", "alias", "GateSync", "ip_address", "10.0.0.9", "area", area));
        post(
                        auth,
                        TRANSACTIONS,
                        Map.of(
                                "emp_code",
                                "L2",
                                "emp",
                                emp,
                                "terminal",
                                terminal,
                                "punch_time",
                                "2024-06-26 09:00:00",
                                "punch_state",
                                "1",
                                "verify_type",
                                4,
                                "source",
                                1,
                                "purpose",
                                9,
                                "upload_time",
                                "2024-06-26 09:00:05"))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.emp")
                .isEqualTo((int) emp)
                .jsonPath("$.terminal_sn")
                .isEqualTo("GATESYNC1")
                .jsonPath("$.terminal_alias")
                .isEqualTo("GateSync")
                .jsonPath("$.area_alias")
                .isEqualTo("Gates")
                .jsonPath("$.upload_time")
                .isEqualTo("2024-06-26 09:00:05")
                .jsonPath("$.verify_type_display")
                .isEqualTo("Card")
                .jsonPath("$.is_mask")
                .isEqualTo("-");
        assertThat(attendance())
                .singleElement()
                .satisfies(r -> assertThat(r)
                        .containsEntry("emp_code", "L2")
                        .containsEntry("punch_state", 1)
                        .containsEntry("source", "API"));
    }

    @Test
    void anUnknownEmpOrTerminalIsA400UnderItsField() {
        post(
                        jwt(),
                        TRANSACTIONS,
                        Map.of("emp_code", "L3", "emp", 404, "terminal", 405, "punch_time", "2024-06-26 09:00:00"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.emp[0]")
                .isEqualTo("Invalid pk \"404\" - object does not exist.")
                .jsonPath("$.terminal[0]")
                .isEqualTo("Invalid pk \"405\" - object does not exist.");
        assertThat(transactions.size()).isZero();
    }

    @Test
    void theRulesCanLinkByEmpCodeOrRefuseThePostAltogether() {
        String auth = jwt();
        long emp = createEmployee(auth, "L4");
        rules(Map.of("postedEmp", "from-emp-code"));
        post(auth, TRANSACTIONS, Map.of("emp_code", "L4", "punch_time", "2024-06-26 09:00:00"))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.emp")
                .isEqualTo((int) emp);
        rules(Map.of("transactionPost", "refuse"));
        post(auth, TRANSACTIONS, Map.of("emp_code", "L4", "punch_time", "2024-06-26 10:00:00"))
                .expectStatus()
                .isEqualTo(405)
                .expectBody()
                .json("{\"detail\":\"Method \\\"POST\\\" not allowed.\"}", true);
        postSim("/sim/rules", Map.of("transactionPost", "maybe"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.transactionPost[0]")
                .isEqualTo("\"maybe\" is not a valid choice: accept, refuse.");
    }

    @Test
    void listRowsCarryEmpAndTheStateAsTheRulesWriteIt() {
        String auth = jwt();
        long emp = createEmployee(auth, "L5");
        postSim(
                        "/sim/transactions",
                        List.of(Map.of("emp_code", "L5", "punch_time", "2024-06-26 09:00:00", "punch_state", 255)))
                .expectStatus()
                .isCreated();
        get(auth, TRANSACTIONS)
                .expectBody()
                .jsonPath("$.data[0].emp")
                .isEqualTo((int) emp)
                .jsonPath("$.data[0].punch_state")
                .isEqualTo("255")
                .jsonPath("$.data[0].punch_state_display")
                .isEqualTo("Unknown");
        rules(Map.of("punchStateType", "number", "punchStateDisplay", "code"));
        get(auth, TRANSACTIONS)
                .expectBody()
                .jsonPath("$.data[0].punch_state")
                .isEqualTo(255)
                .jsonPath("$.data[0].punch_state_display")
                .isEqualTo("255");
    }

    // ---- manual-log ----

    @Test
    void aManualLogIsCreatedPendingAndIsNoTransactionUntilApproved() {
        String auth = jwt();
        long id = createEmployee(auth, "M7");
        post(
                        auth,
                        MANUAL_LOGS,
                        Map.of(
                                "employee",
                                id,
                                "punch_time",
                                "2024-06-26 09:00:00",
                                "punch_state",
                                0,
                                "work_code",
                                "",
                                "apply_reason",
                                "forgot card"))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.id")
                .isEqualTo(1)
                .jsonPath("$.employee")
                .isEqualTo((int) id)
                .jsonPath("$.punch_time")
                .isEqualTo("2024-06-26 09:00:00")
                .jsonPath("$.apply_reason")
                .isEqualTo("forgot card")
                .jsonPath("$.approval_status")
                .isEqualTo(0);
        assertThat(transactions.size()).isZero();
        assertThat(attendance()).isEmpty();

        postSim("/sim/manuallogs/approve", Map.of()).expectStatus().isOk();
        assertThat(manualLogs.all())
                .singleElement()
                .extracting(ManualLog::approval)
                .isEqualTo(ManualLog.Approval.APPROVED);
        assertThat(transactions.all()).singleElement().satisfies(t -> {
            assertThat(t.empCode()).isEqualTo("M7");
            assertThat(t.emp()).isEqualTo(id);
            assertThat(t.source()).isEqualTo(Transaction.Source.MANUAL_LOG);
        });
        assertThat(attendance()).hasSize(1);
    }

    @Test
    void autoApprovalMakesTheTransactionAtOnceAndApprovalCanLeaveTransactionsAlone() {
        String auth = jwt();
        long id = createEmployee(auth, "M8");
        rules(Map.of("manualLogApproval", "auto"));
        post(auth, MANUAL_LOGS, Map.of("employee", id, "punch_time", "2024-06-26 09:00:00", "punch_state", 1))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.approval_status")
                .isEqualTo(1);
        assertThat(transactions.size()).isEqualTo(1);
        rules(Map.of("manualLogTransaction", false));
        post(auth, MANUAL_LOGS, Map.of("employee", id, "punch_time", "2024-06-26 10:00:00", "punch_state", 1))
                .expectStatus()
                .isCreated();
        assertThat(transactions.size())
                .as("approved, but kept among manual logs")
                .isEqualTo(1);
        assertThat(attendance()).as("the report merges both tables").hasSize(2);
    }

    @Test
    void aSecondManualLogOfOneEmployeeAndSecondIsADuplicate() {
        String auth = jwt();
        long id = createEmployee(auth, "M9");
        post(auth, MANUAL_LOGS, Map.of("employee", id, "punch_time", "2024-06-26 09:00:00", "punch_state", 0))
                .expectStatus()
                .isCreated();
        post(auth, MANUAL_LOGS, Map.of("employee", id, "punch_time", "2024-06-26 09:00:00", "punch_state", 1))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.non_field_errors[0]")
                .value(text -> assertThat((String) text).startsWith("Duplicate"));
        assertThat(manualLogs.size()).isEqualTo(1);
    }

    @Test
    void manualLogsAreListedWithFiltersOrAnswerA500AsOnSomeBuilds() {
        String auth = jwt();
        long a = createEmployee(auth, "MA");
        long b = createEmployee(auth, "MB");
        post(auth, MANUAL_LOGS, Map.of("employee", a, "punch_time", "2024-06-26 09:00:00", "punch_state", 0));
        post(auth, MANUAL_LOGS, Map.of("employee", b, "punch_time", "2024-06-26 09:00:00", "punch_state", 0));
        post(auth, MANUAL_LOGS, Map.of("employee", a, "punch_time", "2024-06-27 09:00:00", "punch_state", 0));
        get(auth, MANUAL_LOGS + "?employee=" + a + "&start_time=2024-06-26 08:59:59&end_time=2024-06-26 09:00:01")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.count")
                .isEqualTo(1)
                .jsonPath("$.data[0].emp_code")
                .isEqualTo("MA");
        get(auth, MANUAL_LOGS + "1/")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.employee")
                .isEqualTo((int) a);
        rules(Map.of("manualLogList", "error"));
        get(auth, MANUAL_LOGS).expectStatus().isEqualTo(500);
    }

    @Test
    void aManualLogForAnUnknownEmployeeIsA400UnderEmployee() {
        post(jwt(), MANUAL_LOGS, Map.of("employee", 404, "punch_time", "2024-06-26 09:00:00", "punch_state", 0))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .json("{\"employee\":[\"Invalid pk \\\"404\\\" - object does not exist.\"]}", true);
        assertThat(manualLogs.size()).isZero();
    }

    // ---- adms and terminals ----

    @Test
    void anUnknownTerminalAddsItselfAsNotAuthorizedAndItsLinesAreAnsweredButNotStored() {
        String auth = jwt();
        upload("CEUY201760002", "1\t2024-06-26 08:59:01\t0\t1\t\t0\t0\t\t\t43\n")
                .isEqualTo("OK:0");
        assertThat(transactions.size()).isZero();
        get(auth, "/iclock/api/terminals/?sn=CEUY201760002")
                .expectBody()
                .jsonPath("$.count")
                .isEqualTo(1)
                .jsonPath("$.data[0].alias")
                .isEqualTo("Auto add")
                .jsonPath("$.data[0].area.id")
                .isEqualTo(1)
                .jsonPath("$.data[0].area_name")
                .isEqualTo("Not Authorized")
                .jsonPath("$.data[0].last_activity")
                .isNotEmpty();
        upload("SHORT", "1\t2024-06-26 08:59:01\t0\t1\n").isEqualTo("OK:0");
        get(auth, "/iclock/api/terminals/?sn=SHORT")
                .expectBody()
                .jsonPath("$.count")
                .isEqualTo(0);
    }

    @Test
    void anAuthorizedTerminalsLinesAreStoredLinkedAndCountedOnePerPersonAndSecond() {
        String auth = jwt();
        long emp = createEmployee(auth, "2");
        long area = areaNamed(auth, "Gates");
        post(
                        auth,
                        "/iclock/api/terminals/",
                        Map.of("sn", "CEUY201760002", "alias", "Gate 1", "ip_address", "10.0.0.1", "area", area))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.area.area_name")
                .isEqualTo("Gates");
        String body = "1\t2024-06-26 08:59:01\t0\t1\t\t0\t0\t\t\t43\n"
                + "\n"
                + "2\t2024-06-26 09:00:20\t1\t15\t\t0\t0\t\t\t43\r\n"
                + "2\t2024-06-26 09:00:20\t0\t15\n" // the same person and second: refused by the key
                + "3\t2024-06-26 17:30:00\t5\t4\t7\n"
                + "garbage\n";
        upload("CEUY201760002", body).isEqualTo("OK:3");
        List<Transaction> all = transactions.all();
        assertThat(all).extracting(Transaction::empCode).containsExactly("1", "2", "3");
        assertThat(all).allSatisfy(t -> {
            assertThat(t.terminalSn()).isEqualTo("CEUY201760002");
            assertThat(t.terminalAlias()).isEqualTo("Gate 1");
            assertThat(t.source()).isEqualTo(Transaction.Source.ADMS);
        });
        assertThat(all.get(0).emp()).as("no employee 1").isNull();
        assertThat(all.get(1).emp()).isEqualTo(emp);
        assertThat(all.get(1).punchTime()).isEqualTo(LocalDateTime.of(2024, 6, 26, 9, 0, 20));
        assertThat(all.get(1).punchState()).isEqualTo(1);
        assertThat(all.get(1).verifyType()).isEqualTo(15);
        assertThat(all.get(2).punchState()).isEqualTo(5);
        assertThat(all.get(2).workCode()).isEqualTo("7");
    }

    @Test
    void aTerminalAssignedAnAreaAfterAddingItselfIsHeardFromThen() {
        upload("GATESYNC", "1\t2024-06-26 08:59:01\t0\t1\n").isEqualTo("OK:0");
        long area = areaNamed(jwt(), "Gates");
        postSim("/sim/terminals/assign", Map.of("sn", "GATESYNC", "area", area))
                .expectStatus()
                .isOk();
        upload("GATESYNC", "1\t2024-06-26 08:59:01\t0\t1\n").isEqualTo("OK:1");
    }

    @Test
    void otherTablesAreAcknowledgedAndIgnored() {
        client.post()
                .uri("/iclock/cdata?SN=S1&table=OPERLOG")
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("OPLOG 4\t0\t2024-06-26 09:00:00\t0\t0\t0\t0\n")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .isEqualTo("OK");
        assertThat(transactions.size()).isZero();
    }

    @Test
    void terminalsAreCreatedWithUniqueSerialsAndNeedSnAliasAndIp() {
        String auth = jwt();
        post(auth, "/iclock/api/terminals/", Map.of("sn", "T1"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.alias[0]")
                .isEqualTo("This field is required.")
                .jsonPath("$.ip_address[0]")
                .isEqualTo("This field is required.");
        post(auth, "/iclock/api/terminals/", Map.of("sn", "T1", "alias", "a", "ip_address", "1.2.3.4"))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.area.area_name")
                .isEqualTo("Not Authorized");
        post(auth, "/iclock/api/terminals/", Map.of("sn", "T1", "alias", "b", "ip_address", "1.2.3.5"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.sn[0]")
                .isEqualTo("terminal with this sn already exists.");
    }

    @Test
    void admsHandshakeAndCommandPollNeedNoLogin() {
        client.get()
                .uri("/iclock/cdata?SN=S1&options=all")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(s -> assertThat(s)
                        .startsWith("GET OPTION FROM: S1\n")
                        .contains("Stamp=9999")
                        .contains("Realtime=1"));
        client.get()
                .uri("/iclock/getrequest?SN=S1")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .isEqualTo("OK");
    }

    // ---- helpers ----

    private WebTestClient.BodySpec<String, ?> upload(String sn, String body) {
        return client.post()
                .uri("/iclock/cdata?SN=" + sn + "&table=ATTLOG&Stamp=9999")
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class);
    }

    private long areaNamed(String auth, String name) {
        return createdId(auth, "/personnel/api/areas/", Map.of("area_code", name, "area_name", name));
    }

    private void rules(Map<String, Object> changes) {
        postSim("/sim/rules", changes).expectStatus().isOk();
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> attendance() {
        return client.get()
                .uri("/sim/attendance")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(List.class)
                .returnResult()
                .getResponseBody();
    }
}
