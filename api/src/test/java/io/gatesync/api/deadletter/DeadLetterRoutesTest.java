package io.gatesync.api.deadletter;

import static io.gatesync.api.Responses.badRequestNaming;
import static io.gatesync.api.Responses.badRequestProblemNaming;
import static io.gatesync.api.Responses.get;
import static io.gatesync.api.Responses.ok;
import static io.gatesync.api.Responses.postJson;
import static io.gatesync.api.Responses.unauthorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.http.MediaType;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.gatesync.api.TestApi;
import io.gatesync.common.messaging.CommandKind;
import io.gatesync.common.messaging.CommandTopology;
import io.gatesync.common.time.DbTime;
import io.gatesync.testsupport.TestServices;

/**
 * {@code GET /zkteco/dead-letters} and {@code POST /zkteco/dead-letters/replay} against real MySQL/MariaDB and
 * RabbitMQ, without workers: dead letters are written straight into the table as the workers would record them,
 * and replayed ones are read back from the work queues.
 */
class DeadLetterRoutesTest {

    private static final Instant T0 = Instant.parse("2026-11-24T04:00:00Z");

    @AutoClose
    private static TestApi api;

    private static CommandTopology topology;
    private static AmqpAdmin amqp;
    private static RabbitTemplate rabbit;
    private static org.springframework.amqp.rabbit.connection.CachingConnectionFactory reader;
    private static final AtomicLong entryLogIds = new AtomicLong(1000);

    @BeforeAll
    static void start() {
        api = TestApi.start("--gatesync.dead-letters.replay-chunk=3"); // small chunks, so replays here span several
        topology = api.context.getBean(CommandTopology.class);
        amqp = api.context.getBean(AmqpAdmin.class);
        // The test reads the queues on a plain connection of its own, not on the api's publisher-confirm channels,
        // so what the api does with its channels (closing spare ones at any time) cannot reach the test thread.
        reader = new org.springframework.amqp.rabbit.connection.CachingConnectionFactory(
                TestServices.get().rabbitConnectionFactory());
        rabbit = new RabbitTemplate(reader);
    }

    @AfterAll
    static void stop() {
        if (reader != null) {
            reader.destroy();
        }
    }

    /** Each test starts with no dead letters, no sync logs and empty work queues. */
    @BeforeEach
    void emptyEverything() {
        waitUpTo20s().until(() -> api.db.queryForObject("SELECT COUNT(*) FROM outbox", Integer.class) == 0);
        api.db.update("DELETE FROM dead_letters");
        api.db.update("DELETE FROM zkteco_sync_logs");
        for (CommandKind kind : CommandKind.values()) {
            amqp.purgeQueue(topology.queue(kind), false);
        }
    }

    /**
     * Awaitility by default fails a wait on any uncaught exception of any thread in the JVM; an api context that an
     * earlier test class closed can still be closing its AMQP channels then. The conditions waited for say what this
     * test needs.
     */
    private static org.awaitility.core.ConditionFactory waitUpTo20s() {
        return await().atMost(Duration.ofSeconds(20)).dontCatchUncaughtExceptions();
    }

    // --- dead letters as the workers record them

    private record Dead(long id, String messageId, String payload) {}

    private static Dead entrySync(String reason, String lastError, Instant lastFailure) {
        long entryLogId = entryLogIds.incrementAndGet();
        String commandId = UUID.randomUUID().toString();
        String payload = "{\"commandId\":\"" + commandId + "\",\"entryLogId\":" + entryLogId
                + ",\"requestedAt\":\"2026-11-24T03:59:59Z\"}";
        return insert(
                commandId,
                "ENTRY_SYNC",
                Long.toString(entryLogId),
                reason,
                lastError,
                CommandKind.ENTRY_SYNC.routingKey(),
                payload,
                lastFailure);
    }

    private static Dead personSync(String reason, String lastError, Instant lastFailure) {
        String commandId = UUID.randomUUID().toString();
        String cnic = String.format("%013d", entryLogIds.incrementAndGet());
        String payload = "{\"commandId\":\"" + commandId + "\",\"cnic\":\"" + cnic
                + "\",\"requestedAt\":\"2026-11-24T03:59:59Z\"}";
        return insert(
                commandId,
                "PERSON_SYNC",
                cnic,
                reason,
                lastError,
                CommandKind.PERSON_SYNC.routingKey(),
                payload,
                lastFailure);
    }

    private static Dead insert(
            String messageId,
            String kind,
            String target,
            String reason,
            String lastError,
            String routingKey,
            String payload,
            Instant lastFailure) {
        KeyHolder key = new GeneratedKeyHolder();
        api.db.update(
                c -> {
                    PreparedStatement ps = c.prepareStatement(
                            "INSERT INTO dead_letters (message_id, kind, target, reason, "
                                    + "last_error, attempts, routing_key, payload, first_failure, last_failure, status, created_at) "
                                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'DEAD', ?)",
                            Statement.RETURN_GENERATED_KEYS);
                    ps.setString(1, messageId);
                    ps.setString(2, kind);
                    ps.setString(3, target);
                    ps.setString(4, reason);
                    ps.setString(5, lastError);
                    ps.setInt(6, reason.equals("PERMANENT") ? 1 : 5);
                    ps.setString(7, routingKey);
                    ps.setString(8, payload);
                    ps.setObject(9, DbTime.toDb(lastFailure.minusSeconds(60)));
                    ps.setObject(10, DbTime.toDb(lastFailure));
                    ps.setObject(11, DbTime.toDb(lastFailure));
                    return ps;
                },
                key);
        return new Dead(key.getKey().longValue(), messageId, payload);
    }

    private static void markReplayed(Dead dead) {
        api.db.update(
                "UPDATE dead_letters SET status = 'REPLAYED', replayed_at = ?, replayed_by = 'someone' WHERE id = ?",
                DbTime.toDb(T0.plusSeconds(3600)),
                dead.id());
    }

    private static String status(Dead dead) {
        return api.db.queryForObject("SELECT status FROM dead_letters WHERE id = ?", String.class, dead.id());
    }

    private static WebTestClient.ResponseSpec replay(String json) {
        return postJson(api.http, "/zkteco/dead-letters/replay", json);
    }

    private static long queued(CommandKind kind) {
        return amqp.getQueueInfo(topology.queue(kind)).getMessageCount();
    }

    private static void awaitOutboxPublished() {
        waitUpTo20s().until(() -> api.db.queryForObject("SELECT COUNT(*) FROM outbox", Integer.class) == 0);
    }

    /**
     * Everything waiting on the kind's work queue once the relay has published the outbox, by AMQP message id. The
     * relay publishes at least once (a relay transaction rolled back after publishing, e.g. as a deadlock victim,
     * sends its rows again under the same ids), so a dead letter replayed once is one message id, however often it
     * was delivered; one replayed twice would be two outbox rows, two ids.
     */
    private static Map<String, String> sent(CommandKind kind, int atLeast) {
        waitUpTo20s().untilAsserted(() -> {
            assertThat(api.db.queryForObject("SELECT COUNT(*) FROM outbox", Integer.class))
                    .isZero();
            assertThat(queued(kind)).isGreaterThanOrEqualTo(atLeast);
        });
        Map<String, String> byMessageId = new HashMap<>();
        for (Message m = rabbit.receive(topology.queue(kind)); m != null; m = rabbit.receive(topology.queue(kind))) {
            String body = new String(m.getBody(), StandardCharsets.UTF_8);
            String before = byMessageId.put(m.getMessageProperties().getMessageId(), body);
            assertThat(before).as("the same message id with another payload").isIn(null, body);
        }
        return byMessageId;
    }

    /** Each payload reached the kind's work queue under exactly one message id, and nothing else did. */
    private static void assertSentOnce(CommandKind kind, Collection<String> payloads) {
        assertThat(sent(kind, payloads.size()).values()).containsExactlyInAnyOrderElementsOf(payloads);
    }

    private static void assertNothingSent(CommandKind kind) {
        awaitOutboxPublished();
        assertThat(queued(kind)).isZero();
    }

    @SuppressWarnings("unchecked")
    private static List<Long> ids(Map<?, ?> replayResult) {
        return ((List<Number>) replayResult.get("ids"))
                .stream().map(Number::longValue).toList();
    }

    // --- the list

    /** The counts for kind ENTRY_SYNC in the list's first test, the same whatever reason narrows the page to. */
    private static void assertEntrySyncCounts(WebTestClient.BodyContentSpec body) {
        body.jsonPath("$.countsByReason.PERMANENT")
                .isEqualTo(2)
                .jsonPath("$.countsByReason.RETRIES_EXHAUSTED")
                .isEqualTo(1)
                .jsonPath("$.total")
                .isEqualTo(3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void listShowsDeadOnesNewestFirstWithCountsPerReasonForTheSameFilter() {
        Dead oldest = entrySync("PERMANENT", "Department not found: BioTime has no department with id 7", T0);
        Dead newest = entrySync("PERMANENT", "Department not found", T0.plusSeconds(30));
        Dead exhausted = entrySync("RETRIES_EXHAUSTED", "Connection timeout", T0.plusSeconds(20));
        personSync("PERMANENT", "Authentication failed", T0.plusSeconds(40));
        markReplayed(entrySync("PERMANENT", "Department not found", T0.plusSeconds(50)));

        assertEntrySyncCounts(ok(get(api.http, "/zkteco/dead-letters?kind=ENTRY_SYNC"))
                .jsonPath("$.content[*].id")
                .value(ids -> assertThat((List<Number>) ids)
                        .extracting(Number::longValue)
                        .containsExactly(newest.id(), exhausted.id(), oldest.id()))
                .jsonPath("$.content[0].messageId")
                .isEqualTo(newest.messageId())
                .jsonPath("$.content[0].kind")
                .isEqualTo("ENTRY_SYNC")
                .jsonPath("$.content[0].reason")
                .isEqualTo("PERMANENT")
                .jsonPath("$.content[0].lastError")
                .isEqualTo("Department not found")
                .jsonPath("$.content[0].attempts")
                .isEqualTo(1)
                .jsonPath("$.content[0].routingKey")
                .isEqualTo("entry-sync")
                .jsonPath("$.content[0].firstFailure")
                .isEqualTo("2026-11-24T03:59:30Z")
                .jsonPath("$.content[0].lastFailure")
                .isEqualTo("2026-11-24T04:00:30Z")
                .jsonPath("$.content[0].status")
                .isEqualTo("DEAD")
                .jsonPath("$.content[0].replayedAt")
                .doesNotExist()
                .jsonPath("$.content[0].payload")
                .doesNotExist()
                .jsonPath("$.totalElements")
                .isEqualTo(3));

        // reason narrows the page, not the counts; kind and reason are matched whatever their case
        assertEntrySyncCounts(ok(get(api.http, "/zkteco/dead-letters?kind=entry_sync&reason=permanent"))
                .jsonPath("$.totalElements")
                .isEqualTo(2)
                .jsonPath("$.content.length()")
                .isEqualTo(2));

        ok(get(
                        api.http,
                        "/zkteco/dead-letters?target={t}",
                        exhausted.payload().replaceAll(".*\"entryLogId\":(\\d+).*", "$1")))
                .jsonPath("$.content.length()")
                .isEqualTo(1)
                .jsonPath("$.content[0].id")
                .isEqualTo((int) exhausted.id());

        ok(get(api.http, "/zkteco/dead-letters?status=replayed"))
                .jsonPath("$.totalElements")
                .isEqualTo(1)
                .jsonPath("$.content[0].status")
                .isEqualTo("REPLAYED")
                .jsonPath("$.content[0].replayedBy")
                .isEqualTo("someone")
                .jsonPath("$.content[0].replayedAt")
                .isEqualTo("2026-11-24T05:00:00Z")
                .jsonPath("$.countsByReason.PERMANENT")
                .isEqualTo(1);

        ok(get(api.http, "/zkteco/dead-letters?status=ALL&size=2&page=1"))
                .jsonPath("$.totalElements")
                .isEqualTo(5)
                .jsonPath("$.totalPages")
                .isEqualTo(3)
                .jsonPath("$.page")
                .isEqualTo(1)
                .jsonPath("$.size")
                .isEqualTo(2)
                .jsonPath("$.content.length()")
                .isEqualTo(2)
                .jsonPath("$.countsByReason.PERMANENT")
                .isEqualTo(4)
                .jsonPath("$.total")
                .isEqualTo(5);
    }

    @Test
    void oneDeadLetterIsShownWithItsPayload() {
        Dead dead = personSync("PERMANENT", "Authentication failed", T0);
        ok(get(api.http, "/zkteco/dead-letters/{id}", dead.id()))
                .jsonPath("$.id")
                .isEqualTo((int) dead.id())
                .jsonPath("$.kind")
                .isEqualTo("PERSON_SYNC")
                .jsonPath("$.status")
                .isEqualTo("DEAD")
                .jsonPath("$.payload")
                .isEqualTo(dead.payload());
        get(api.http, "/zkteco/dead-letters/{id}", dead.id() + 1000)
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .value(d -> assertThat((String) d).contains(Long.toString(dead.id() + 1000)));
        badRequestNaming(get(api.http, "/zkteco/dead-letters/twelve"), "id");
    }

    @Test
    @SuppressWarnings("unchecked")
    void badListParametersAreA400NamingEachField() {
        get(api.http, "/zkteco/dead-letters?status=GONE&page=x")
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[*].field")
                .value(f -> assertThat((List<Object>) f).containsExactlyInAnyOrder("status", "page"))
                .jsonPath("$.errors[?(@.field == 'status')].message")
                .value(m -> assertThat((List<Object>) m).containsExactly("must be DEAD or REPLAYED or ALL"));
        badRequestNaming(get(api.http, "/zkteco/dead-letters?size=501"), "size");
    }

    // --- replay

    @Test
    void replayingOneMovesItBackToItsWorkQueueWithItsPayload() {
        Dead dead = entrySync("PERMANENT", "Department not found: BioTime has no department with id 7", T0);
        Dead other = entrySync("PERMANENT", "Department not found", T0);

        ok(replay("{\"id\": " + dead.id() + "}"))
                .jsonPath("$.replayed")
                .isEqualTo(1)
                .jsonPath("$.ids[0]")
                .isEqualTo((int) dead.id())
                .jsonPath("$.ids.length()")
                .isEqualTo(1);

        Map<String, Object> row = api.db.queryForMap(
                "SELECT status, replayed_by, replayed_at FROM dead_letters " + "WHERE id = ?", dead.id());
        assertThat(row.get("status")).isEqualTo("REPLAYED");
        assertThat(row.get("replayed_by")).isEqualTo(TestApi.ADMIN);
        assertThat(row.get("replayed_at")).isNotNull();
        assertThat(status(other)).isEqualTo("DEAD");

        Map<String, String> sent = sent(CommandKind.ENTRY_SYNC, 1);
        assertThat(sent.values()).containsExactly(dead.payload());
        // a new message id (the outbox keeps them unique); the payload still carries the original command id
        assertThat(sent.keySet())
                .singleElement()
                .isNotEqualTo(dead.messageId())
                .satisfies(id -> assertThat(UUID.fromString(id)).isNotNull());
        assertNothingSent(CommandKind.PERSON_SYNC);

        Map<String, Object> log = api.db.queryForMap(
                "SELECT kind, target, outcome, message, command_id, node " + "FROM zkteco_sync_logs");
        assertThat(log.get("kind")).isEqualTo("ENTRY_SYNC");
        assertThat(log.get("target")).isEqualTo(dead.payload().replaceAll(".*\"entryLogId\":(\\d+).*", "$1"));
        assertThat(log.get("outcome")).isEqualTo("REPLAYED");
        assertThat((String) log.get("message"))
                .startsWith("Replayed dead letter " + dead.id()
                        + " (PERMANENT: Department not found: BioTime has no department with id 7) by admin");
        assertThat(log.get("command_id")).isEqualTo(dead.messageId());
        assertThat(log.get("node")).isEqualTo("api");
    }

    @Test
    void replayingByKindPicksOnlyDeadOnesOfThatKind() {
        Set<Long> entries = new HashSet<>();
        List<String> payloads = new ArrayList<>();
        for (int i = 0; i < 4; i++) { // more than one chunk
            Dead dead = entrySync(i % 2 == 0 ? "PERMANENT" : "RETRIES_EXHAUSTED", "x", T0.plusSeconds(i));
            entries.add(dead.id());
            payloads.add(dead.payload());
        }
        Dead person = personSync("PERMANENT", "Authentication failed", T0);
        Dead alreadyReplayed = entrySync("PERMANENT", "x", T0);
        markReplayed(alreadyReplayed);

        Map<?, ?> result = replay("{\"kind\": \"ENTRY_SYNC\"}")
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(result.get("replayed")).isEqualTo(4);
        assertThat(ids(result))
                .containsExactlyElementsOf(entries.stream().sorted().toList());
        assertThat(status(person)).isEqualTo("DEAD");
        assertThat(api.db.queryForObject(
                        "SELECT replayed_by FROM dead_letters WHERE id = ?", String.class, alreadyReplayed.id()))
                .isEqualTo("someone");
        assertSentOnce(CommandKind.ENTRY_SYNC, payloads);
        assertNothingSent(CommandKind.PERSON_SYNC);
        assertThat(api.db.queryForObject(
                        "SELECT COUNT(*) FROM zkteco_sync_logs WHERE outcome = 'REPLAYED' " + "AND kind = 'ENTRY_SYNC'",
                        Integer.class))
                .isEqualTo(4);
    }

    @Test
    void replayingByReasonPicksOnlyDeadOnesWithThatReasonAndKindNarrowsIt() {
        Dead entryPermanent = entrySync("PERMANENT", "Department not found", T0);
        Dead entryExhausted = entrySync("RETRIES_EXHAUSTED", "Connection timeout", T0);
        Dead personPermanent = personSync("PERMANENT", "Authentication failed", T0);
        Dead personExhausted = personSync("RETRIES_EXHAUSTED", "Connection timeout", T0);

        ok(replay("{\"reason\": \"PERMANENT\", \"kind\": \"PERSON_SYNC\"}"))
                .jsonPath("$.replayed")
                .isEqualTo(1)
                .jsonPath("$.ids[0]")
                .isEqualTo((int) personPermanent.id());
        ok(replay("{\"reason\": \"permanent\"}"))
                .jsonPath("$.replayed")
                .isEqualTo(1)
                .jsonPath("$.ids[0]")
                .isEqualTo((int) entryPermanent.id());

        assertThat(status(entryExhausted)).isEqualTo("DEAD");
        assertThat(status(personExhausted)).isEqualTo("DEAD");
        assertSentOnce(CommandKind.PERSON_SYNC, List.of(personPermanent.payload()));
        assertSentOnce(CommandKind.ENTRY_SYNC, List.of(entryPermanent.payload()));
    }

    @Test
    void replayingAllSendsEveryDeadOneBackOnce() {
        List<String> entryPayloads = new ArrayList<>();
        List<String> personPayloads = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            entryPayloads.add(entrySync("RETRIES_EXHAUSTED", "Connection timeout", T0.plusSeconds(i))
                    .payload());
            personPayloads.add(
                    personSync("DELIVERY_LIMIT", null, T0.plusSeconds(i)).payload());
        }
        markReplayed(entrySync("PERMANENT", "x", T0));

        ok(replay("{\"all\": true}"))
                .jsonPath("$.replayed")
                .isEqualTo(10)
                .jsonPath("$.ids.length()")
                .isEqualTo(10);

        assertThat(api.db.queryForObject("SELECT COUNT(*) FROM dead_letters WHERE status = 'DEAD'", Integer.class))
                .isZero();
        assertSentOnce(CommandKind.ENTRY_SYNC, entryPayloads);
        assertSentOnce(CommandKind.PERSON_SYNC, personPayloads);
        assertThat(api.db.queryForList("SELECT message FROM zkteco_sync_logs WHERE kind = 'PERSON_SYNC'", String.class))
                .hasSize(5)
                .allSatisfy(m -> assertThat(m).contains("(DELIVERY_LIMIT) by admin"));

        ok(replay("{\"all\": true}"))
                .jsonPath("$.replayed")
                .isEqualTo(0)
                .jsonPath("$.ids.length()")
                .isEqualTo(0);
    }

    @Test
    void replayingIdsSendsThoseStillDeadAndPassesOverTheRest() {
        Dead dead = entrySync("PERMANENT", "x", T0);
        Dead replayed = entrySync("PERMANENT", "x", T0);
        markReplayed(replayed);
        Dead alsoDead = personSync("PERMANENT", "x", T0);

        ok(replay("{\"ids\": [" + alsoDead.id() + ", " + replayed.id() + ", 999999, " + dead.id() + ", " + dead.id()
                        + "]}"))
                .jsonPath("$.replayed")
                .isEqualTo(2)
                .jsonPath("$.ids[0]")
                .isEqualTo((int) dead.id())
                .jsonPath("$.ids[1]")
                .isEqualTo((int) alsoDead.id());
        assertSentOnce(CommandKind.ENTRY_SYNC, List.of(dead.payload()));
        assertSentOnce(CommandKind.PERSON_SYNC, List.of(alsoDead.payload()));
    }

    @Test
    void replayingAnAlreadyReplayedOrUnknownIdIs404NamingIt() {
        Dead dead = entrySync("PERMANENT", "x", T0);
        replay("{\"id\": " + dead.id() + "}").expectStatus().isOk().expectBody(Void.class);

        replay("{\"id\": " + dead.id() + "}")
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("id")
                .jsonPath("$.detail")
                .value(d -> assertThat((String) d)
                        .contains("dead letter " + dead.id())
                        .contains("REPLAYED")
                        .contains("by admin"));
        replay("{\"id\": 999999}")
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.detail")
                .value(d -> assertThat((String) d).contains("999999"));

        assertSentOnce(CommandKind.ENTRY_SYNC, List.of(dead.payload()));
        assertThat(api.db.queryForObject("SELECT COUNT(*) FROM zkteco_sync_logs", Integer.class))
                .isEqualTo(1);
    }

    @Test
    void aSelectorMatchingNothingReplaysNothing() {
        entrySync("PERMANENT", "x", T0);
        ok(replay("{\"kind\": \"ATTENDANCE_PULL\"}"))
                .jsonPath("$.replayed")
                .isEqualTo(0)
                .jsonPath("$.ids.length()")
                .isEqualTo(0);
        ok(replay("{\"ids\": [999998, 999999]}")).jsonPath("$.replayed").isEqualTo(0);
        assertThat(api.db.queryForObject("SELECT COUNT(*) FROM outbox", Integer.class))
                .isZero();
    }

    @Test
    void aDeadLetterNamingNoWorkQueueStaysDead() {
        Dead nowhere = insert(
                UUID.randomUUID().toString(), "UNKNOWN", null, "UNPARSEABLE", "not JSON", "nowhere", "garbage", T0);
        replay("{\"id\": " + nowhere.id() + "}")
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("id")
                .jsonPath("$.detail")
                .value(d -> assertThat((String) d).contains("nowhere"));
        ok(replay("{\"all\": true}")).jsonPath("$.replayed").isEqualTo(0);
        assertThat(status(nowhere)).isEqualTo("DEAD");
    }

    @Test
    void aDeadLetterWithoutTargetIsLoggedAsUnknown() {
        Dead dead = insert(
                UUID.randomUUID().toString(),
                "UNKNOWN",
                null,
                "UNPARSEABLE",
                "not JSON",
                CommandKind.ENTRY_SYNC.routingKey(),
                "not json {",
                T0);
        replay("{\"id\": " + dead.id() + "}").expectStatus().isOk().expectBody(Void.class);
        assertThat(api.db.queryForMap("SELECT kind, target FROM zkteco_sync_logs"))
                .containsEntry("kind", "UNKNOWN")
                .containsEntry("target", "unknown");
        assertSentOnce(CommandKind.ENTRY_SYNC, List.of("not json {"));
    }

    @Test
    void twoConcurrentReplaysOfAllReplayEachRowExactlyOnce() throws Exception {
        int rows = 60;
        Set<String> personPayloads = new HashSet<>();
        Set<String> entryPayloads = new HashSet<>();
        for (int i = 0; i < rows; i++) {
            if (i % 3 == 0) {
                personPayloads.add(
                        personSync("PERMANENT", "x", T0.plusSeconds(i)).payload());
            } else {
                entryPayloads.add(
                        entrySync("RETRIES_EXHAUSTED", "x", T0.plusSeconds(i)).payload());
            }
        }
        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<Map<?, ?>>> calls = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                try {
                    together.await();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return replay("{\"all\": true}")
                        .expectStatus()
                        .isOk()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody();
            }));
        }
        List<Long> first = ids(calls.get(0).get());
        List<Long> second = ids(calls.get(1).get());

        assertThat(first.size() + second.size()).isEqualTo(rows);
        // one call may find every row already taken by the other, so either list may be empty
        assertThat(Collections.disjoint(first, second))
                .as("ids replayed by both calls: %s and %s", first, second)
                .isTrue();
        assertThat(api.db.queryForObject(
                        "SELECT COUNT(*) FROM zkteco_sync_logs WHERE outcome = 'REPLAYED'", Integer.class))
                .isEqualTo(rows);
        // one outbox row, so one message id, per dead letter: every payload exactly once
        assertSentOnce(CommandKind.PERSON_SYNC, personPayloads);
        assertSentOnce(CommandKind.ENTRY_SYNC, entryPayloads);
    }

    @Test
    @SuppressWarnings("unchecked")
    void badReplayBodiesAreA400NamingTheFieldAndWhatToSend() {
        badRequestProblemNaming(replay("{}"), "body")
                .jsonPath("$.errors[0].message")
                .value(m -> assertThat((String) m).contains("{\"all\": true}"));
        badRequestNaming(replay("{\"all\": true, \"kind\": \"ENTRY_SYNC\"}"), "all")
                .jsonPath("$.errors[0].message")
                .value(m -> assertThat((String) m).contains("alone"));
        badRequestNaming(replay("{\"idz\": 12}"), "idz")
                .jsonPath("$.errors[0].message")
                .value(m -> assertThat((String) m).contains("{\"id\": 12}"));
        badRequestNaming(replay("{\"id\": 12, \"ids\": [13]}"), "ids");
        badRequestNaming(replay("{\"ids\": [13], \"reason\": \"PERMANENT\"}"), "reason");
        badRequestNaming(replay("{\"id\": \"twelve\"}"), "id");
        badRequestNaming(replay("{\"ids\": []}"), "ids");
        replay("{\"ids\": [12, -1, \"x\"]}")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[*].field")
                .value(f -> assertThat((List<Object>) f).containsExactly("ids[1]", "ids[2]"));
        badRequestNaming(replay("{\"all\": false}"), "all");
        badRequestNaming(replay("{\"kind\": 7}"), "kind");
        badRequestNaming(replay("[12]"), "body");
        badRequestNaming(replay("{\"id\": "), "body");
        api.http
                .post()
                .uri("/zkteco/dead-letters/replay")
                .contentType(MediaType.APPLICATION_JSON)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("body");
        assertThat(api.db.queryForObject("SELECT COUNT(*) FROM outbox", Integer.class))
                .isZero();
    }

    @Test
    void anonymousCallsAre401() {
        Dead dead = entrySync("PERMANENT", "x", T0);
        WebTestClient anonymous = api.anonymous();
        unauthorized(get(anonymous, "/zkteco/dead-letters"));
        unauthorized(get(anonymous, "/zkteco/dead-letters/{id}", dead.id()));
        unauthorized(postJson(anonymous, "/zkteco/dead-letters/replay", "{\"all\": true}"));
        api.http
                .post()
                .uri("/zkteco/dead-letters/replay")
                .headers(h -> h.setBasicAuth(TestApi.ADMIN, "wrong"))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"all\": true}")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody(Void.class);
        assertThat(status(dead)).isEqualTo("DEAD");
    }
}
