package io.gatesync.common.messaging;

import static io.gatesync.testsupport.QueryWireFields.CONNECTION_REPORT;
import static io.gatesync.testsupport.QueryWireFields.EMPLOYEE_ROW;
import static io.gatesync.testsupport.QueryWireFields.PAGE;
import static io.gatesync.testsupport.QueryWireFields.TRANSACTION_ROW;
import static io.gatesync.testsupport.QueryWireFields.fieldsOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The rpc contract on the wire: what a worker sends, and what the api still reads from a worker of before it. */
class QueryReplyTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void aWorkersPagesAndReportTravelInCamelCase() {
        BioTimePage<TransactionRow> punches = new BioTimePage<>(
                1,
                1,
                50,
                List.of(new TransactionRow(
                        7, "3520212345671", "2026-11-24 09:00:00", "0", "GATESYNC", "Gate", "2026-11-24 09:00:05")));
        BioTimePage<EmployeeRow> employees = new BioTimePage<>(
                1, 1, 50, List.of(new EmployeeRow(3, "3520212345671", "Ali", "Khan", null, null, true)));
        ConnectionReport report = new ConnectionReport(
                true,
                12,
                List.of(),
                List.of("w"),
                "GATESYNC (id 1)",
                null,
                Instant.parse("2026-11-24T04:00:00Z"),
                "CLOSED");

        assertThat(fieldsOf(json.valueToTree(QueryReply.ok(punches)).get("data")))
                .containsExactlyElementsOf(PAGE);
        assertThat(fieldsOf(json.valueToTree(punches).get("items").get(0))).containsExactlyElementsOf(TRANSACTION_ROW);
        assertThat(fieldsOf(json.valueToTree(employees).get("items").get(0))).containsExactlyElementsOf(EMPLOYEE_ROW);
        JsonNode reportJson = json.valueToTree(report);
        assertThat(fieldsOf(reportJson)).containsExactlyElementsOf(CONNECTION_REPORT);
        assertThat(reportJson.get("checkedAt").asString()).isEqualTo("2026-11-24T04:00:00Z");
    }

    /** A rolling upgrade: a worker of before the records built maps, and its rows had BioTime's names. */
    @Test
    void theAnswersOfAWorkerOfBeforeTheRecordsAreReadTheSame() {
        QueryReply<BioTimePage<TransactionRow>> punches = json.readValue("""
                {"status":200,"error":null,"data":{"count":1,"page":2,"size":50,"items":[{"id":7,"emp":3,
                 "emp_code":"3520212345671","punch_time":"2026-11-24 09:00:00","punch_state":"0",
                 "terminal_sn":"GATESYNC","terminal_alias":"Gate","upload_time":null}]}}""", new TypeReference<>() {});
        QueryReply<BioTimePage<EmployeeRow>> employees = json.readValue("""
                {"status":200,"error":null,"data":{"count":1,"page":1,"size":50,"items":[{"id":3,
                 "emp_code":"3520212345671","first_name":"Ali","last_name":"Khan","mobile":null,"email":null,
                 "enable_att":true}]}}""", new TypeReference<>() {});
        QueryReply<ConnectionReport> report = json.readValue("""
                {"status":200,"error":null,"data":{"ok":false,"latencyMs":12,"problems":["Area not found"],
                 "warnings":[],"terminal":null,"pendingApprovals":null,"checkedAt":"2026-11-24T04:00:00.123Z",
                 "circuit":"CLOSED"}}""", new TypeReference<>() {});

        assertThat(punches.data().page()).isEqualTo(2);
        assertThat(punches.data().items())
                .containsExactly(
                        new TransactionRow(7, "3520212345671", "2026-11-24 09:00:00", "0", "GATESYNC", "Gate", null));
        assertThat(employees.data().items())
                .containsExactly(new EmployeeRow(3, "3520212345671", "Ali", "Khan", null, null, true));
        assertThat(report.data())
                .isEqualTo(new ConnectionReport(
                        false,
                        12,
                        List.of("Area not found"),
                        List.of(),
                        null,
                        null,
                        Instant.parse("2026-11-24T04:00:00.123Z"),
                        "CLOSED"));
    }

    @Test
    void aQueryCarriesItsParametersUnderTheNamesTheWorkerReads() {
        Instant from = Instant.parse("2026-11-24T00:00:00Z");
        Instant to = Instant.parse("2026-11-25T00:00:00Z");
        BioTimeQuery sent = BioTimeQuery.transactions(from, to, "3520212345671", 3, 25);

        BioTimeQuery read = json.readValue(json.writeValueAsString(sent), BioTimeQuery.class);

        assertThat(read.query()).isEqualTo(BioTimeQuery.TRANSACTIONS);
        assertThat(read.params()).containsOnlyKeys("from", "to", "empCode", "page", "size");
        assertThat(List.of(read.from(), read.to(), read.empCode(), read.page(), read.size()))
                .containsExactly(from, to, "3520212345671", 3, 25);
        assertThat(BioTimeQuery.employees(1, 50).empCode()).isNull();
        assertThat(new BioTimeQuery(BioTimeQuery.EMPLOYEES, null).size()).isEqualTo(50);
        assertThatThrownBy(() -> BioTimeQuery.employees(1, 50).from())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("from is required");
    }
}
