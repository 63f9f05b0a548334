package io.gatesync.api;

import static io.gatesync.api.Responses.badRequestNaming;
import static io.gatesync.api.Responses.badRequestProblemNaming;
import static io.gatesync.api.Responses.get;
import static io.gatesync.api.Responses.ok;
import static io.gatesync.api.Responses.postJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.gatesync.common.messaging.CommandGroups;
import io.gatesync.common.messaging.CommandKind;
import io.gatesync.common.messaging.CommandTopology;

/** The public contract of the api (design.md), against real MySQL/MariaDB and RabbitMQ, without workers. */
class ApiContractTest {

    @AutoClose
    private static TestApi api;

    @BeforeAll
    static void start() {
        api = TestApi.start();
    }

    private static <T> T bean(Class<T> type) {
        return api.context.getBean(type);
    }

    private static String newCnic() {
        return String.format("%013d", ThreadLocalRandom.current().nextLong(1_000_000_000_000L, 9_999_999_999_999L));
    }

    private static String person(String cnic) {
        api.http
                .put()
                .uri("/api/people/{cnic}", cnic)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Ayesha Khan", "phone", "+92 300 1234567"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Void.class); // read it: an unread body leaks its buffer
        return cnic;
    }

    private static WebTestClient.ResponseSpec event(String eventId, String cnic, String direction, String time) {
        return postEvent(Map.of("eventId", eventId, "cnic", cnic, "direction", direction, "time", time, "gate", "G1"));
    }

    private static WebTestClient.ResponseSpec deletePerson(String cnic) {
        return api.http.delete().uri("/api/people/{cnic}", cnic).exchange();
    }

    private static WebTestClient.ResponseSpec postEvent(Object body) {
        return postJson(api.http, "/api/events", body);
    }

    private static WebTestClient.ResponseSpec getPerson(String cnic) {
        return get(api.http, "/api/people/{cnic}", cnic);
    }

    private static WebTestClient.ResponseSpec postBatch(Object batch) {
        return postJson(api.http, "/api/events/batch", batch);
    }

    /** Sends the event and expects it accepted, with no more said about it. */
    private static void accepted(String eventId, String cnic, String direction, String time) {
        event(eventId, cnic, direction, time).expectStatus().isAccepted().expectBody(Void.class);
    }

    /** Sends the event and expects it accepted with this outcome. */
    private static void acceptedAs(String outcome, String eventId, String cnic, String direction, String time) {
        event(eventId, cnic, direction, time)
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.outcome")
                .isEqualTo(outcome);
    }

    /** Expects the 202 of an event sent before, answered again as it was the first time. */
    private static WebTestClient.ResponseSpec replayed(WebTestClient.ResponseSpec answer) {
        return answer.expectStatus().isAccepted().expectHeader().valueEquals("Idempotent-Replayed", "true");
    }

    private static int entryLogs(String cnic) {
        return api.db.queryForObject("SELECT COUNT(*) FROM entry_logs WHERE cnic = ?", Integer.class, cnic);
    }

    @Test
    void theConnectionPoolKeepsParsedStatements() {
        assertThat(bean(HikariDataSource.class).getDataSourceProperties())
                .containsEntry("cachePrepStmts", "true")
                .containsEntry("prepStmtCacheSqlLimit", "2048");
    }

    @Test
    void personIsCreatedWith201ThenUpdatedWith200() {
        String cnic = newCnic();
        person(cnic);
        api.http
                .put()
                .uri("/api/people/{cnic}", cnic)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Ayesha Malik", "email", "ayesha@example.com"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo("Ayesha Malik")
                .jsonPath("$.zktecoSynced")
                .isEqualTo(false);
        ok(getPerson(cnic))
                .jsonPath("$.cnic")
                .isEqualTo(cnic)
                .jsonPath("$.email")
                .isEqualTo("ayesha@example.com")
                .jsonPath("$.zktecoEmployeeId")
                .doesNotExist();
    }

    @Test
    void dashedAndPlainCnicNameTheSamePerson() {
        String cnic = newCnic();
        String dashed = cnic.substring(0, 5) + "-" + cnic.substring(5, 12) + "-" + cnic.substring(12);
        person(dashed);
        ok(getPerson(cnic)).jsonPath("$.cnic").isEqualTo(cnic);
    }

    @Test
    void peopleListIsPagedAndFiltersBySynced() {
        person(newCnic());
        ok(get(api.http, "/api/people?synced=false&page=0&size=1"))
                .jsonPath("$.content.length()")
                .isEqualTo(1)
                .jsonPath("$.size")
                .isEqualTo(1)
                .jsonPath("$.totalElements")
                .value(n -> assertThat(((Number) n).longValue()).isPositive());
        badRequestNaming(get(api.http, "/api/people?size=0"), "size");
    }

    @Test
    void aBadCnicIsA400ProblemNamingTheField() {
        badRequestProblemNaming(putPerson("12345", Map.of("name", "X")), "cnic")
                .jsonPath("$.errors[0].message")
                .value(m -> assertThat((String) m).contains("13 digits"));
    }

    @Test
    void malformedJsonIsA400Problem() {
        badRequestProblemNaming(postEvent("{\"eventId\": "), "body");
    }

    @Test
    void aBodyThatIsNotJsonIsA415Problem() {
        api.http
                .post()
                .uri("/api/events")
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("hello")
                .exchange()
                .expectStatus()
                .isEqualTo(415)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo(415);
    }

    @Test
    void aValueOfTheWrongJsonTypeIsNamed() {
        badRequestNaming(postEvent("{\"eventId\": {\"a\": 1}, \"cnic\": \"3520212345671\"}"), "eventId");
    }

    @Test
    @SuppressWarnings("unchecked")
    void missingFieldsAreEachNamed() {
        postEvent(Map.of("cnic", newCnic(), "direction", "ENTRY"))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[*].field")
                .value(f -> assertThat((List<Object>) f).containsExactlyInAnyOrder("eventId", "time"));
    }

    @Test
    void anUnknownDirectionIsNamedWithTheAllowedValues() {
        badRequestNaming(event("ev-" + newCnic(), newCnic(), "SIDEWAYS", "2026-11-24T09:00:00+05:00"), "direction")
                .jsonPath("$.errors[0].message")
                .isEqualTo("must be ENTRY or EXIT");
    }

    @Test
    void aTimeWithoutAnOffsetIsRefused() {
        badRequestNaming(event("ev-" + newCnic(), newCnic(), "ENTRY", "2026-11-24T09:00:00"), "time");
    }

    @Test
    void aWrongPasswordOrNoneIs401() {
        api.http
                .get()
                .uri("/api/people")
                .headers(h -> h.setBasicAuth("admin", "wrong"))
                .exchange()
                .expectStatus()
                .isUnauthorized();
        api.anonymous().get().uri("/api/people").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void healthIsOpen() {
        api.anonymous().get().uri("/actuator/health").exchange().expectStatus().isOk();
    }

    @Test
    void anEventForAnUnknownPersonIsA422NamingTheCnic() {
        event("ev-" + newCnic(), newCnic(), "ENTRY", "2026-11-24T09:00:00+05:00")
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("cnic")
                .jsonPath("$.detail")
                .value(d -> assertThat((String) d).contains("PUT /api/people/"));
    }

    @Test
    void entryOpensAndExitClosesTheLatestOpenEntry() {
        String cnic = person(newCnic());
        acceptedAs("OPENED", "in-" + cnic, cnic, "ENTRY", "2026-11-24T09:00:00+05:00");
        acceptedAs("CLOSED", "out-" + cnic, cnic, "EXIT", "2026-11-24T17:30:00+05:00");
        ok(get(api.http, "/api/entry-logs?cnic={cnic}", cnic))
                .jsonPath("$.content.length()")
                .isEqualTo(1)
                .jsonPath("$.content[0].entryTime")
                .isEqualTo("2026-11-24T04:00:00Z")
                .jsonPath("$.content[0].exitTime")
                .isEqualTo("2026-11-24T12:30:00Z")
                .jsonPath("$.content[0].source")
                .isEqualTo("GATE")
                .jsonPath("$.content[0].zktecoSynced")
                .isEqualTo(false);
    }

    @Test
    void exitWithoutOpenEntryIsKeptAndFlagged() {
        String cnic = person(newCnic());
        acceptedAs("EXIT_WITHOUT_ENTRY", "out-" + cnic, cnic, "EXIT", "2026-11-24T17:30:00+05:00");
        ok(get(api.http, "/api/entry-logs?cnic={cnic}", cnic))
                .jsonPath("$.content[0].flag")
                .isEqualTo("EXIT_WITHOUT_ENTRY")
                .jsonPath("$.content[0].entryTime")
                .doesNotExist()
                .jsonPath("$.content[0].exitTime")
                .isEqualTo("2026-11-24T12:30:00Z");
    }

    @Test
    void aRepeatedEventIdReturnsTheFirstResultAndChangesNothing() {
        String cnic = person(newCnic());
        Map<?, ?> first = event("dup-" + cnic, cnic, "ENTRY", "2026-11-24T09:00:00+05:00")
                .expectStatus()
                .isAccepted()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        Map<?, ?> again = replayed(event("dup-" + cnic, cnic, "ENTRY", "2026-11-24T09:00:00+05:00"))
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(again).isEqualTo(first);
        assertThat(entryLogs(cnic)).isEqualTo(1);
    }

    @Test
    void timesKeepTheirMillisecondsAndARepeatWithThemIsTheSameEvent() {
        String cnic = person(newCnic());
        accepted("ms-" + cnic, cnic, "ENTRY", "2026-11-24T09:00:00.123+05:00");
        replayed(event("ms-" + cnic, cnic, "ENTRY", "2026-11-24T09:00:00.123+05:00"))
                .expectBody(Void.class);
        get(api.http, "/api/entry-logs?cnic={cnic}", cnic)
                .expectBody()
                .jsonPath("$.content[0].entryTime")
                .isEqualTo("2026-11-24T04:00:00.123Z");
    }

    @Test
    void anEventIdReusedForADifferentEventIsA409() {
        String cnic = person(newCnic());
        accepted("reuse-" + cnic, cnic, "ENTRY", "2026-11-24T09:00:00+05:00");
        event("reuse-" + cnic, cnic, "EXIT", "2026-11-24T10:00:00+05:00")
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("eventId");
        assertThat(entryLogs(cnic)).isEqualTo(1);
    }

    @Test
    void aBatchReportsEachItemAndOneBadItemDoesNotSinkTheOthers() {
        String cnic = person(newCnic());
        List<Map<String, String>> batch = List.of(
                Map.of("eventId", "b1-" + cnic, "cnic", cnic, "direction", "ENTRY", "time", "2026-11-24T08:00:00Z"),
                Map.of("eventId", "b2-" + cnic, "cnic", "123", "direction", "ENTRY", "time", "2026-11-24T08:00:00Z"),
                Map.of(
                        "eventId",
                        "b3-" + cnic,
                        "cnic",
                        newCnic(),
                        "direction",
                        "ENTRY",
                        "time",
                        "2026-11-24T08:00:00Z"),
                Map.of("eventId", "b1-" + cnic, "cnic", cnic, "direction", "ENTRY", "time", "2026-11-24T08:00:00Z"),
                Map.of("eventId", "b4-" + cnic, "cnic", cnic, "direction", "EXIT", "time", "2026-11-24T16:00:00Z"));
        ok(postBatch(batch))
                .jsonPath("$.accepted")
                .isEqualTo(2)
                .jsonPath("$.duplicates")
                .isEqualTo(1)
                .jsonPath("$.rejected")
                .isEqualTo(2)
                .jsonPath("$.results[0].status")
                .isEqualTo(202)
                .jsonPath("$.results[1].status")
                .isEqualTo(400)
                .jsonPath("$.results[1].errors[0].field")
                .isEqualTo("[1].cnic")
                .jsonPath("$.results[2].status")
                .isEqualTo(422)
                .jsonPath("$.results[3].duplicate")
                .isEqualTo(true)
                .jsonPath("$.results[4].outcome")
                .isEqualTo("CLOSED");
        assertThat(entryLogs(cnic)).isEqualTo(1);
    }

    private static Map<String, String> item(String id, String cnic, String direction, String time) {
        return Map.of("eventId", id, "cnic", cnic, "direction", direction, "time", time, "gate", "G2");
    }

    /** Entry/exit pairs as "entry→exit" times, oldest entry first (exit "-" while open). */
    private static List<String> pairs(String cnic) {
        return api.db.query(
                "SELECT entry_time, exit_time FROM entry_logs WHERE cnic = ? AND entry_time IS NOT NULL "
                        + "ORDER BY entry_time, id",
                (rs, n) -> rs.getString(1).substring(11, 16) + "→"
                        + (rs.getString(2) == null ? "-" : rs.getString(2).substring(11, 16)),
                cnic);
    }

    @Test
    void aBatchPairsEachExitWithTheLatestOpenEntryAsSingleEventsWould() {
        String cnic = person(newCnic());
        List<Map<String, String>> batch = List.of(
                item("p1-" + cnic, cnic, "ENTRY", "2026-11-24T08:00:00Z"),
                item("p2-" + cnic, cnic, "EXIT", "2026-11-24T09:00:00Z"),
                item("p3-" + cnic, cnic, "ENTRY", "2026-11-24T10:00:00Z"),
                item("p4-" + cnic, cnic, "ENTRY", "2026-11-24T11:00:00Z"),
                item("p5-" + cnic, cnic, "EXIT", "2026-11-24T12:00:00Z"),
                item("p6-" + cnic, cnic, "EXIT", "2026-11-24T07:00:00Z"));
        ok(postBatch(batch))
                .jsonPath("$.accepted")
                .isEqualTo(6)
                .jsonPath("$.results[1].outcome")
                .isEqualTo("CLOSED")
                .jsonPath("$.results[4].outcome")
                .isEqualTo("CLOSED")
                .jsonPath("$.results[5].outcome")
                .isEqualTo("EXIT_WITHOUT_ENTRY");
        assertThat(pairs(cnic)).containsExactly("08:00→09:00", "10:00→-", "11:00→12:00");
        assertThat(entryLogs(cnic))
                .as("and the early exit on a flagged log of its own")
                .isEqualTo(4);
    }

    @Test
    void exitsInABatchFindOlderOpenEntriesStoredBefore() {
        String cnic = person(newCnic());
        for (String hour : List.of("08", "09", "10", "11")) {
            accepted("o" + hour + "-" + cnic, cnic, "ENTRY", "2026-11-24T" + hour + ":00:00Z");
        }
        // Two exits: the first takes 11:00; the second, at 08:30, fits only the 08:00 entry, older than those read.
        List<Map<String, String>> batch = List.of(
                item("x1-" + cnic, cnic, "EXIT", "2026-11-24T11:30:00Z"),
                item("x2-" + cnic, cnic, "EXIT", "2026-11-24T08:30:00Z"));
        ok(postBatch(batch)).jsonPath("$.accepted").isEqualTo(2);
        assertThat(pairs(cnic)).containsExactly("08:00→08:30", "09:00→-", "10:00→-", "11:00→11:30");
    }

    @Test
    void anExitInABatchClosesItsOwnLatestEntryWhenAnotherPersonHasMoreExits() {
        String a = person(newCnic());
        String b = person(newCnic());
        for (String hour : List.of("09", "10")) {
            for (String cnic : List.of(a, b)) {
                accepted("m" + hour + "-" + cnic, cnic, "ENTRY", "2026-11-24T" + hour + ":00:00Z");
            }
        }
        // b's two exits have two open entries read per person; a's one exit must still take a's latest
        List<Map<String, String>> batch = List.of(
                item("ma-" + a, a, "EXIT", "2026-11-24T10:30:00Z"),
                item("mb1-" + b, b, "EXIT", "2026-11-24T12:00:00Z"),
                item("mb2-" + b, b, "EXIT", "2026-11-24T12:30:00Z"));
        ok(postBatch(batch)).jsonPath("$.accepted").isEqualTo(3);
        assertThat(pairs(a)).containsExactly("09:00→-", "10:00→10:30");
        assertThat(pairs(b)).containsExactly("09:00→12:30", "10:00→12:00");
    }

    @Test
    void manyGatesAtOnceAreAllRecordedOnceEach() throws Exception {
        List<String> cnics = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            cnics.add(person(newCnic()));
        }
        // 400 requests from 16 threads, every event sent twice: each stored once, each answer 202.
        java.util.concurrent.ExecutorService gates = java.util.concurrent.Executors.newFixedThreadPool(16);
        List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
        for (int n = 0; n < 400; n++) {
            int k = n % 200;
            String cnic = cnics.get(k % 8);
            String time = java.time.Instant.parse("2026-11-24T06:00:00Z")
                    .plusSeconds(k)
                    .toString();
            answers.add(gates.submit(() -> event(
                            "many-" + k + "-" + cnic, cnic, (k / 8) % 2 == 0 ? "ENTRY" : "EXIT", time)
                    .returnResult(String.class)
                    .getStatus()
                    .value()));
        }
        for (var answer : answers) {
            assertThat(answer.get()).isEqualTo(202);
        }
        gates.shutdown();
        assertThat(api.db.queryForObject(
                        "SELECT COUNT(*) FROM gate_events WHERE event_id LIKE 'many-%'", Integer.class))
                .isEqualTo(200);
        int logs = 0;
        for (String cnic : cnics) {
            logs += entryLogs(cnic);
        }
        assertThat(logs)
                .as("every log is an entry, closed by an exit or still open")
                .isLessThanOrEqualTo(200)
                .isEqualTo(api.db.queryForObject(
                        "SELECT COUNT(DISTINCT entry_log_id) FROM gate_events " + "WHERE event_id LIKE 'many-%'",
                        Integer.class));
    }

    @Test
    void manyPeopleCreatedAtOnceAreAllCreated() throws Exception {
        java.util.concurrent.ExecutorService admins = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
        for (int n = 0; n < 40; n++) {
            String cnic = newCnic();
            answers.add(admins.submit(() -> api.http
                    .put()
                    .uri("/api/people/{cnic}", cnic)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("name", "Bilal " + cnic))
                    .exchange()
                    .returnResult(String.class)
                    .getStatus()
                    .value()));
        }
        for (var answer : answers) {
            assertThat(answer.get()).as("no deadlock reaches the client").isEqualTo(201);
        }
        admins.shutdown();
    }

    @Test
    void anEmptyOrOversizedBatchIsRefused() {
        badRequestNaming(postBatch("[]"), "body");
    }

    /**
     * Every touched entry log's command reaches the queue, confirmed; a batch's commands travel together, up to ten
     * to a message (CommandGroups; one message each would cost the broker ~1,000 messages for one gate batch).
     */
    @Test
    void everyAcceptedChangeReachesItsQueueWithConfirmsAndABatchTravelsInFewMessages() {
        CommandTopology topology = bean(CommandTopology.class);
        RabbitTemplate rabbit = bean(RabbitTemplate.class);
        JsonMapper json = bean(JsonMapper.class);
        String cnic = person(newCnic());
        accepted("q1-" + cnic, cnic, "ENTRY", "2026-11-24T08:00:00Z");
        accepted("q2-" + cnic, cnic, "EXIT", "2026-11-24T09:00:00Z");
        List<Map<String, String>> batch = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            String entering = person(newCnic());
            batch.add(item("g-" + entering, entering, "ENTRY", "2026-11-24T08:00:00Z"));
        }
        ok(postBatch(batch)).jsonPath("$.accepted").isEqualTo(250);
        Set<Long> batchLogs = new HashSet<>(
                api.db.queryForList("SELECT entry_log_id FROM gate_events WHERE event_id " + "LIKE 'g-%'", Long.class));
        assertThat(batchLogs).hasSize(250);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> api.db.queryForObject("SELECT COUNT(*) FROM outbox", Integer.class) == 0);

        Map<Long, Integer> commandsPerLog = new HashMap<>();
        List<Integer> batchMessages = new ArrayList<>();
        Message message;
        while ((message = rabbit.receive(topology.queue(CommandKind.ENTRY_SYNC))) != null) {
            JsonNode body = json.readTree(message.getBody());
            List<JsonNode> commands = new ArrayList<>();
            if (body.isArray()) {
                body.forEach(commands::add);
            } else {
                commands.add(body);
            }
            commands.forEach(c -> commandsPerLog.merge(c.get("entryLogId").asLong(), 1, Integer::sum));
            if (commands.stream()
                    .anyMatch(c -> batchLogs.contains(c.get("entryLogId").asLong()))) {
                batchMessages.add(commands.size());
            }
        }
        // One command per entry log an event transaction touched (an entry and its exit in one batch share it),
        // except those of people who had left: they are kept, never sent.
        List<Long> touched = api.db.queryForList(
                "SELECT DISTINCT g.entry_log_id FROM gate_events g JOIN entry_logs e "
                        + "ON e.id = g.entry_log_id WHERE e.person_left = 0",
                Long.class);
        assertThat(commandsPerLog.keySet()).containsAll(touched);
        assertThat(commandsPerLog.keySet())
                .doesNotContainAnyElementsOf(
                        api.db.queryForList("SELECT id FROM entry_logs WHERE person_left = 1", Long.class));
        assertThat(batchLogs).allSatisfy(log -> assertThat(commandsPerLog).containsEntry(log, 1));
        assertThat(batchMessages).hasSize(25).containsOnly(CommandGroups.MAX_SIZE);
        long people = bean(AmqpAdmin.class)
                .getQueueInfo(topology.queue(CommandKind.PERSON_SYNC))
                .getMessageCount();
        assertThat(people).isGreaterThanOrEqualTo(api.db.queryForObject("SELECT COUNT(*) FROM people", Long.class));
        assertThat(bean(MeterRegistry.class)
                        .counter("gatesync.commands.published", "kind", "ENTRY_SYNC")
                        .count())
                .as("commands counted as published, not messages")
                .isGreaterThanOrEqualTo(touched.size());
    }

    // ---- leaving and returning ----

    private static java.time.LocalDate siteToday() {
        return java.time.LocalDate.now(
                bean(io.gatesync.common.config.ZktecoProperties.class).timezone());
    }

    private static WebTestClient.ResponseSpec putPerson(String cnic, Map<String, Object> body) {
        return api.http
                .put()
                .uri("/api/people/{cnic}", cnic)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    @Test
    void aNewPersonIsActiveAndStatusAndLeftOnAreSetShownAndClearedOnReturn() {
        String cnic = person(newCnic());
        ok(getPerson(cnic))
                .jsonPath("$.status")
                .isEqualTo("ACTIVE")
                .jsonPath("$.leftOn")
                .doesNotExist()
                .jsonPath("$.zktecoResigned")
                .isEqualTo(false);
        api.db.update("UPDATE people SET zkteco_synced = 1 WHERE cnic = ?", cnic);
        ok(putPerson(
                        cnic,
                        Map.of(
                                "name",
                                "Ayesha Khan",
                                "phone",
                                "+92 300 1234567",
                                "status",
                                "left",
                                "leftOn",
                                "2026-01-15")))
                .jsonPath("$.status")
                .isEqualTo("LEFT")
                .jsonPath("$.leftOn")
                .isEqualTo("2026-01-15")
                .jsonPath("$.zktecoSynced")
                .isEqualTo(false); // a change of status queues a sync
        // absent status keeps the person's, and their leaving day
        ok(putPerson(cnic, Map.of("name", "Ayesha K")))
                .jsonPath("$.status")
                .isEqualTo("LEFT")
                .jsonPath("$.leftOn")
                .isEqualTo("2026-01-15");
        ok(putPerson(cnic, Map.of("name", "Ayesha K", "status", "ACTIVE")))
                .jsonPath("$.status")
                .isEqualTo("ACTIVE")
                .jsonPath("$.leftOn")
                .doesNotExist();
        // a new person may be created as having left; leftOn defaults to today
        String gone = newCnic();
        putPerson(gone, Map.of("name", "Bilal", "status", "LEFT"))
                .expectStatus()
                .isCreated()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("LEFT")
                .jsonPath("$.leftOn")
                .isEqualTo(siteToday().toString());
    }

    @Test
    void deleteMeansLeavingTodayAnswers200WithThePersonAndDeletesNothing() {
        String cnic = person(newCnic());
        ok(deletePerson(cnic))
                .jsonPath("$.cnic")
                .isEqualTo(cnic)
                .jsonPath("$.name")
                .isEqualTo("Ayesha Khan")
                .jsonPath("$.status")
                .isEqualTo("LEFT")
                .jsonPath("$.leftOn")
                .isEqualTo(siteToday().toString())
                .jsonPath("$.zktecoResigned")
                .isEqualTo(false);
        ok(getPerson(cnic))
                .jsonPath("$.status")
                .isEqualTo("LEFT")
                .jsonPath("$.phone")
                .isEqualTo("+92 300 1234567");
        // again: the same, still there
        ok(deletePerson(cnic)).jsonPath("$.status").isEqualTo("LEFT");
        assertThat(api.db.queryForObject("SELECT COUNT(*) FROM people WHERE cnic = ?", Integer.class, cnic))
                .isOne();
        deletePerson(newCnic())
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void aBadStatusOrLeftOnIsA400ProblemNamingTheFieldAndTheFix() {
        String cnic = person(newCnic());
        badRequestProblemNaming(putPerson(cnic, Map.of("name", "X", "status", "GONE")), "status")
                .jsonPath("$.errors[0].message")
                .value(m -> assertThat((String) m).contains("ACTIVE or LEFT"));
        badRequestNaming(putPerson(cnic, Map.of("name", "X", "status", "LEFT", "leftOn", "15/01/2026")), "leftOn")
                .jsonPath("$.errors[0].message")
                .value(m -> assertThat((String) m).contains("yyyy-MM-dd"));
        badRequestNaming(
                        putPerson(
                                cnic,
                                Map.of(
                                        "name",
                                        "X",
                                        "status",
                                        "LEFT",
                                        "leftOn",
                                        siteToday().plusDays(2).toString())),
                        "leftOn")
                .jsonPath("$.errors[0].message")
                .value(m -> assertThat((String) m).contains("not be in the future"));
        badRequestNaming(putPerson(cnic, Map.of("name", "X", "leftOn", "2026-01-15")), "leftOn")
                .jsonPath("$.errors[0].message")
                .value(m -> assertThat((String) m).contains("only for status LEFT"));
        ok(getPerson(cnic))
                .jsonPath("$.status")
                .isEqualTo("ACTIVE")
                .jsonPath("$.name")
                .isEqualTo("Ayesha Khan");
    }

    @Test
    void aGateEventOfAPersonWhoLeftIsAcceptedFlaggedNotQueuedCountedAndShown() {
        String cnic = person(newCnic());
        java.time.LocalDate leftOn = siteToday().minusDays(10);
        putPerson(cnic, Map.of("name", "Bilal", "status", "LEFT", "leftOn", leftOn.toString()))
                .expectStatus()
                .isOk()
                .expectBody(Void.class);
        io.micrometer.core.instrument.Counter counter = bean(MeterRegistry.class)
                .get("gatesync.gate.events.person.left")
                .counter();
        double before = counter.count();
        String after = leftOn.plusDays(5).toString();
        acceptedAs("OPENED", "left-in-" + cnic, cnic, "ENTRY", after + "T09:00:00+05:00");
        acceptedAs("CLOSED", "left-out-" + cnic, cnic, "EXIT", after + "T17:00:00+05:00");
        // a pass from before they left, uploaded late by its gate: theirs as any other, sent
        String earlier = leftOn.minusDays(5).toString();
        acceptedAs("OPENED", "late-in-" + cnic, cnic, "ENTRY", earlier + "T09:00:00+05:00");
        ok(get(
                        api.http,
                        "/api/entry-logs?cnic={cnic}&from={from}&to={to}",
                        cnic,
                        earlier + "T00:00:00Z",
                        leftOn + "T00:00:00Z"))
                .jsonPath("$.content.length()")
                .isEqualTo(1)
                .jsonPath("$.content[0].personLeft")
                .isEqualTo(false)
                .jsonPath("$.content[0].zktecoSynced")
                .isEqualTo(false);
        ok(get(api.http, "/api/entry-logs?cnic={cnic}&from={from}", cnic, leftOn + "T00:00:00Z"))
                .jsonPath("$.content.length()")
                .isEqualTo(1)
                .jsonPath("$.content[0].personLeft")
                .isEqualTo(true)
                .jsonPath("$.content[0].zktecoSynced")
                .isEqualTo(true) // settled: nothing to send
                .jsonPath("$.content[0].zktecoTransactionId")
                .doesNotExist();
        assertThat(counter.count() - before).isEqualTo(2.0);
        ok(get(api.http, "/zkteco/overview"))
                .jsonPath("$.statistics.peopleLeft")
                .value(n -> assertThat(((Number) n).longValue()).isPositive())
                .jsonPath("$.statistics.leaverPasses[?(@.cnic == '" + cnic + "')]")
                .exists();
    }
}
