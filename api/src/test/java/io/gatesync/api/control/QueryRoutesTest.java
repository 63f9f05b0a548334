package io.gatesync.api.control;

import static io.gatesync.testsupport.QueryWireFields.CONNECTION_REPORT;
import static io.gatesync.testsupport.QueryWireFields.EMPLOYEE_ROW;
import static io.gatesync.testsupport.QueryWireFields.PAGE;
import static io.gatesync.testsupport.QueryWireFields.TRANSACTION_ROW;
import static io.gatesync.testsupport.QueryWireFields.fieldsOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.test.web.reactive.server.WebTestClient.RequestHeadersSpec;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.gatesync.api.TestApi;
import io.gatesync.common.messaging.BioTimePage;
import io.gatesync.common.messaging.BioTimeQuery;
import io.gatesync.common.messaging.CommandTopology;
import io.gatesync.common.messaging.ConnectionReport;
import io.gatesync.common.messaging.EmployeeRow;
import io.gatesync.common.messaging.QueryReply;
import io.gatesync.common.messaging.TransactionRow;

/**
 * The BioTime query routes against a stand-in worker on the rpc queue, which answers with the bytes a test gives:
 * the api's JSON is camelCase whatever the worker's version, and a worker's failure is the route's status.
 */
class QueryRoutesTest {

    private static final String CNIC = "3520212345671";

    private static TestApi api;
    private static JsonMapper json;
    private static SimpleMessageListenerContainer worker;
    private static final Queue<BioTimeQuery> asked = new ConcurrentLinkedQueue<>();
    private static final AtomicReference<Function<BioTimeQuery, Object>> answers = new AtomicReference<>();

    @BeforeAll
    static void start() {
        api = TestApi.start("--gatesync.query-timeout=5s");
        json = api.context.getBean(JsonMapper.class);
        ConnectionFactory connections = api.context.getBean(ConnectionFactory.class);
        RabbitTemplate replies = new RabbitTemplate(connections);
        worker = new SimpleMessageListenerContainer(connections);
        worker.setQueueNames(api.context.getBean(CommandTopology.class).rpcQueue());
        worker.setMessageListener(question -> {
            BioTimeQuery query = json.readValue(question.getBody(), BioTimeQuery.class);
            asked.add(query);
            Object answer = answers.get().apply(query);
            MessageProperties properties = new MessageProperties();
            properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
            properties.setCorrelationId(question.getMessageProperties().getCorrelationId());
            byte[] body = answer instanceof String text
                    ? text.getBytes(StandardCharsets.UTF_8)
                    : json.writeValueAsBytes(answer);
            replies.send("", question.getMessageProperties().getReplyTo(), new Message(body, properties));
        });
        worker.start();
    }

    @AfterAll
    static void stop() {
        if (worker != null) {
            worker.stop();
        }
        if (api != null) {
            api.close();
        }
    }

    @BeforeEach
    void forget() {
        asked.clear();
    }

    @Test
    void eachRouteAnswersWithTheWorkersRecordInCamelCase() {
        answers.set(query -> switch (query.query()) {
            case BioTimeQuery.TEST_CONNECTION ->
                QueryReply.ok(new ConnectionReport(
                        true,
                        12,
                        List.of(),
                        List.of("an area of its own"),
                        "GATESYNC (id 1) in area \"HQ\"",
                        null,
                        Instant.parse("2026-11-24T04:00:00Z"),
                        "CLOSED"));
            case BioTimeQuery.EMPLOYEES ->
                QueryReply.ok(new BioTimePage<>(
                        120,
                        query.page(),
                        query.size(),
                        List.of(new EmployeeRow(3, CNIC, "Ali", "Khan", "0300", null, true))));
            default ->
                QueryReply.ok(new BioTimePage<>(
                        1,
                        query.page(),
                        query.size(),
                        List.of(new TransactionRow(
                                7, CNIC, "2026-11-24 09:00:00", "0", "GATESYNC", "Gate", "2026-11-24 09:00:05"))));
        });

        JsonNode report = body(api.http.post().uri("/zkteco/test-connection"));
        JsonNode employees = body(api.http.get().uri("/zkteco/employees?page=2&size=25"));
        JsonNode punches = body(api.http
                .get()
                .uri(
                        "/zkteco/transactions?cnic={c}&from=2026-11-24T00:00:00Z"
                                + "&to=2026-11-25T00:00:00Z&page=1&size=10",
                        CNIC));

        assertThat(fieldsOf(report)).containsExactlyElementsOf(CONNECTION_REPORT);
        assertThat(report.get("checkedAt").asString()).isEqualTo("2026-11-24T04:00:00Z");
        assertThat(fieldsOf(employees)).containsExactlyElementsOf(PAGE);
        assertThat(List.of(
                        employees.get("count").asLong(),
                        employees.get("page").asInt(),
                        employees.get("size").asInt()))
                .containsExactly(120L, 2, 25);
        assertThat(fieldsOf(employees.get("items").get(0))).containsExactlyElementsOf(EMPLOYEE_ROW);
        assertThat(fieldsOf(punches.get("items").get(0))).containsExactlyElementsOf(TRANSACTION_ROW);
        BioTimeQuery transactions = asked.stream()
                .filter(q -> q.query().equals(BioTimeQuery.TRANSACTIONS))
                .findFirst()
                .orElseThrow();
        assertThat(List.of(
                        transactions.from(),
                        transactions.to(),
                        transactions.empCode(),
                        transactions.page(),
                        transactions.size()))
                .containsExactly(
                        Instant.parse("2026-11-24T00:00:00Z"), Instant.parse("2026-11-25T00:00:00Z"), CNIC, 1, 10);
    }

    /** A rolling upgrade: a worker of before the records answered with maps, its rows in BioTime's names. */
    @Test
    void aWorkerOfBeforeTheRecordsIsAnsweredOnInCamelCaseToo() {
        answers.set(query -> switch (query.query()) {
            case BioTimeQuery.EMPLOYEES -> """
                    {"status":200,"error":null,"data":{"count":1,"page":1,"size":50,"items":[{"id":3,
                     "emp_code":"%s","first_name":"Ali","last_name":"Khan","mobile":null,"email":null,
                     "enable_att":true}]}}""".formatted(CNIC);
            default -> """
                    {"status":200,"error":null,"data":{"count":1,"page":1,"size":50,"items":[{"id":7,"emp":3,
                     "emp_code":"%s","punch_time":"2026-11-24 09:00:00","punch_state":"0","terminal_sn":"GATESYNC",
                     "terminal_alias":null,"upload_time":null}]}}""".formatted(CNIC);
        });

        JsonNode employee =
                body(api.http.get().uri("/zkteco/employees")).get("items").get(0);
        JsonNode punch =
                body(api.http.get().uri("/zkteco/transactions")).get("items").get(0);

        assertThat(List.of(
                        employee.get("empCode").asString(),
                        employee.get("firstName").asString(),
                        employee.get("lastName").asString()))
                .containsExactly(CNIC, "Ali", "Khan");
        assertThat(employee.get("attendanceEnabled").asBoolean()).isTrue();
        assertThat(List.of(
                        punch.get("empCode").asString(),
                        punch.get("punchTime").asString(),
                        punch.get("punchState").asString(),
                        punch.get("terminalSn").asString()))
                .containsExactly(CNIC, "2026-11-24 09:00:00", "0", "GATESYNC");
        assertThat(punch.has("emp_code")).isFalse();
        assertThat(punch.has("emp")).isFalse();
    }

    @Test
    void aWorkersFailureIsTheRoutesStatusWithItsReason() {
        answers.set(query -> QueryReply.failed(502, "BioTime refused the login"));

        api.http
                .get()
                .uri("/zkteco/employees")
                .exchange()
                .expectStatus()
                .isEqualTo(502)
                .expectBody()
                .jsonPath("$.errors[0].message")
                .isEqualTo("BioTime refused the login");
    }

    /**
     * What a test found is kept typed in the sync log row's details, not parsed back out of its message: a problem
     * holding "; " stays one problem, and the row's message is still the line people read.
     */
    @Test
    void theLastConnectionTestIsReadBackTypedFromItsRowsDetails() {
        api.db.update("DELETE FROM zkteco_sync_logs");
        answers.set(query -> QueryReply.ok(new ConnectionReport(
                false,
                87,
                List.of("Area 1 is \"Not Authorized\"; assign GATESYNC an area"),
                List.of("an area of its own"),
                null,
                null,
                Instant.parse("2026-11-24T04:00:00Z"),
                "HALF_OPEN")));

        body(api.http.post().uri("/zkteco/test-connection"));

        JsonNode last =
                body(api.http.get().uri("/zkteco/overview")).get("biotime").get("lastTest");
        assertThat(last.get("ok").asBoolean()).isFalse();
        assertThat(last.get("latencyMs").asLong()).isEqualTo(87);
        assertThat(last.get("circuit").asString()).isEqualTo("HALF_OPEN");
        assertThat(last.get("problems").valueStream().map(JsonNode::asString).toList())
                .containsExactly(
                        "Area 1 is \"Not Authorized\"; assign GATESYNC an area", "warning: an area of its own");
        assertThat(last.get("checkedAt").asString()).isEqualTo("2026-11-24T04:00:00Z");
        assertThat(api.db.queryForMap(
                        "SELECT kind, target, outcome, message, duration_ms, node " + "FROM zkteco_sync_logs"))
                .containsEntry("kind", "CONNECTION_TEST")
                .containsEntry("target", "biotime")
                .containsEntry("outcome", "FAILED")
                .containsEntry("duration_ms", 87)
                .containsEntry("node", "api")
                .containsEntry(
                        "message",
                        "circuit HALF_OPEN; Area 1 is \"Not Authorized\"; assign GATESYNC an area; "
                                + "warning: an area of its own");
    }

    /** A test kept before its details had a column (V16) has its message only: shown as it was written. */
    @Test
    void aConnectionTestRecordedBeforeItsDetailsHadAColumnShowsItsMessage() {
        api.db.update("DELETE FROM zkteco_sync_logs");
        api.db.update("INSERT INTO zkteco_sync_logs (kind, target, outcome, message, attempt, duration_ms, node, "
                + "created_at) VALUES ('CONNECTION_TEST', 'biotime', 'SUCCESS', 'circuit CLOSED', 1, 40, 'api', "
                + "'2026-11-24 04:00:00.000')");

        JsonNode last =
                body(api.http.get().uri("/zkteco/overview")).get("biotime").get("lastTest");
        assertThat(last.get("ok").asBoolean()).isTrue();
        assertThat(last.hasNonNull("circuit")).isFalse();
        assertThat(last.get("problems").valueStream().map(JsonNode::asString).toList())
                .containsExactly("circuit CLOSED");
    }

    private static JsonNode body(RequestHeadersSpec<?> call) {
        return json.readTree(call.exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody());
    }
}
