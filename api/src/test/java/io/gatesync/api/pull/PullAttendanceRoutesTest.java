package io.gatesync.api.pull;

import static io.gatesync.api.Responses.badRequestNaming;
import static io.gatesync.api.Responses.badRequestProblemNaming;
import static io.gatesync.api.Responses.get;
import static io.gatesync.api.Responses.ok;
import static io.gatesync.api.Responses.postJson;
import static io.gatesync.api.Responses.unauthorized;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import io.gatesync.api.TestApi;
import io.gatesync.common.messaging.CommandKind;
import io.gatesync.common.messaging.CommandTopology;

/**
 * {@code /zkteco/pull-attendance} against real MySQL/MariaDB and RabbitMQ, without workers: a pull is planned in
 * chunks and one command per chunk reaches the attendance-pull queue; bad requests are 400s naming the field.
 */
class PullAttendanceRoutesTest {

    @AutoClose
    private static TestApi api;

    @BeforeAll
    static void start() {
        api = TestApi.start("--zkteco.timezone=Asia/Karachi");
    }

    private static WebTestClient.ResponseSpec post(Object body) {
        return postJson(api.http, "/zkteco/pull-attendance", body);
    }

    @Test
    void aPullIsPlannedInChunksAndEachChunkIsQueuedForTheWorkers() {
        Map<?, ?> started = post(Map.of(
                        "from", "2026-11-01T00:00:00+05:00", "to", "2026-11-01T05:30:00+05:00", "chunkMinutes", 60))
                .expectStatus()
                .isAccepted()
                .expectHeader()
                .value("Location", l -> assertThat(l).startsWith("/zkteco/pull-attendance/"))
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        long runId = ((Number) started.get("runId")).longValue();
        assertThat(started.get("chunksTotal")).isEqualTo(6);
        assertThat(started.get("statusUrl")).isEqualTo("/zkteco/pull-attendance/" + runId);

        List<Long> chunks = api.db.queryForList(
                "SELECT id FROM pull_chunks WHERE run_id = ? ORDER BY chunk_from", Long.class, runId);
        assertThat(chunks).hasSize(6);
        assertThat(api.db.queryForObject(
                        "SELECT chunk_to FROM pull_chunks WHERE id = ?", LocalDateTime.class, chunks.get(5)))
                .as("the last chunk ends with the range")
                .isEqualTo(LocalDateTime.parse("2026-11-01T00:30:00"));
        assertThat(queuedChunks(chunks)).containsAll(chunks);

        ok(get(api.http, "/zkteco/pull-attendance/{id}", runId))
                .jsonPath("$.runId")
                .isEqualTo(runId)
                .jsonPath("$.kind")
                .isEqualTo("MANUAL")
                .jsonPath("$.from")
                .isEqualTo("2026-10-31T19:00:00Z")
                .jsonPath("$.to")
                .isEqualTo("2026-11-01T00:30:00Z")
                .jsonPath("$.chunksTotal")
                .isEqualTo(6)
                .jsonPath("$.chunksDone")
                .isEqualTo(0)
                .jsonPath("$.chunksFailed")
                .isEqualTo(0)
                .jsonPath("$.punchesSeen")
                .isEqualTo(0)
                .jsonPath("$.punchesImported")
                .isEqualTo(0)
                .jsonPath("$.status")
                .isEqualTo("RUNNING")
                .jsonPath("$.requestedBy")
                .isEqualTo(TestApi.ADMIN)
                .jsonPath("$.createdAt")
                .isNotEmpty()
                .jsonPath("$.finishedAt")
                .doesNotExist();
    }

    @Test
    void datesMeanWholeDaysOfTheBioTimeServersZoneBothIncluded() {
        Map<?, ?> started = post(Map.of("from", "2026-11-01", "to", "2026-11-02"))
                .expectStatus()
                .isAccepted()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(started.get("chunksTotal"))
                .as("two days in hour chunks (the default)")
                .isEqualTo(48);
        Map<String, Object> run = api.db.queryForMap(
                "SELECT window_from, window_to FROM pull_runs WHERE id = ?",
                ((Number) started.get("runId")).longValue());
        assertThat(run.get("window_from")).isEqualTo(LocalDateTime.parse("2026-10-31T19:00:00"));
        assertThat(run.get("window_to")).isEqualTo(LocalDateTime.parse("2026-11-02T19:00:00"));
    }

    @Test
    void runsAreListedNewestFirst() {
        long older = runId(post(Map.of("from", "2026-09-01", "to", "2026-09-01")));
        long newer = runId(post(Map.of("from", "2026-09-02", "to", "2026-09-02")));
        ok(get(api.http, "/zkteco/pull-attendance?page=0&size=2"))
                .jsonPath("$.content.length()")
                .isEqualTo(2)
                .jsonPath("$.content[0].runId")
                .isEqualTo(newer)
                .jsonPath("$.content[1].runId")
                .isEqualTo(older)
                .jsonPath("$.size")
                .isEqualTo(2);
        badRequestNaming(get(api.http, "/zkteco/pull-attendance?size=0"), "size");
    }

    @Test
    void badRequestsAre400sNamingTheFieldAndStoreNothing() {
        int runs = api.db.queryForObject("SELECT COUNT(*) FROM pull_runs", Integer.class);
        assertField(Map.of("to", "2026-11-02"), "from");
        assertField(Map.of("from", "yesterday", "to", "2026-11-02"), "from");
        assertField(Map.of("from", "2026-11-01T10:00:00", "to", "2026-11-02"), "from"); // no offset
        assertField(Map.of("from", "2026-11-02T00:00:00Z", "to", "2026-11-01T00:00:00Z"), "to");
        assertField(Map.of("from", "2025-01-01", "to", "2026-11-02"), "to");
        assertField(Map.of("from", "2026-11-01", "to", "2026-11-02", "chunkMinutes", 0), "chunkMinutes");
        assertField(Map.of("from", "2026-11-01", "to", "2026-11-02", "chunkMinutes", 1441), "chunkMinutes");
        assertField(Map.of("from", "2026-11-01", "to", "2026-11-02", "chunkMinutes", "60"), "chunkMinutes");
        assertField(Map.of("from", "2026-01-01", "to", "2026-12-31", "chunkMinutes", 1), "chunkMinutes");
        assertField(Map.of("from", "2026-11-01", "to", "2026-11-02", "chunk", 60), "chunk");
        assertField(List.of("2026-11-01"), "body");
        assertThat(api.db.queryForObject("SELECT COUNT(*) FROM pull_runs", Integer.class))
                .isEqualTo(runs);
    }

    @Test
    void theRereadRunsOnlyWhileThePullHasStoppedForARestoredBioTime() {
        api.db.update("DELETE FROM pull_cursor");
        int runs = api.db.queryForObject("SELECT COUNT(*) FROM pull_runs", Integer.class);
        String yesterday = java.time.LocalDate.now().minusDays(1).toString();
        reread(Map.of("from", yesterday))
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.errors[0].message")
                .value(m -> assertThat((String) m).contains("POST /zkteco/pull-attendance"));
        badRequestNaming(reread(Map.of("from", "tomorrow")), "from");
        reread(Map.of("from", java.time.LocalDate.now().plusDays(2).toString()))
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].message")
                .isEqualTo("must be in the past");
        badRequestNaming(reread(Map.of("from", yesterday, "to", yesterday)), "to");
        assertThat(api.db.queryForObject("SELECT COUNT(*) FROM pull_runs", Integer.class))
                .isEqualTo(runs);

        api.db.update("INSERT INTO pull_cursor (id, max_id, server_order, read_at, restore_suspected) "
                + "VALUES (1, 500, 'NEWEST_FIRST', NOW(3), 'BioTime looks restored')");
        try {
            long runId = runId(reread(Map.of("from", yesterday)));
            assertThat(api.db.queryForObject("SELECT mode FROM pull_chunks WHERE run_id = ?", String.class, runId))
                    .isEqualTo("REREAD");
        } finally {
            api.db.update("DELETE FROM pull_cursor");
        }
    }

    private static WebTestClient.ResponseSpec reread(Map<String, Object> body) {
        return postJson(api.http, "/zkteco/pull-attendance/reread", body);
    }

    @Test
    void anUnknownRunIsA404AndABadIdA400() {
        get(api.http, "/zkteco/pull-attendance/999999")
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody(Void.class);
        badRequestNaming(get(api.http, "/zkteco/pull-attendance/abc"), "runId");
    }

    @Test
    void onlyAdminsMayPull() {
        int runs = api.db.queryForObject("SELECT COUNT(*) FROM pull_runs", Integer.class);
        WebTestClient anonymous =
                api.http.mutate().defaultHeaders(h -> h.remove("Authorization")).build();
        unauthorized(get(anonymous, "/zkteco/pull-attendance"));
        // refused either way: 401 without credentials, or 403 for a body-carrying request without a CSRF token
        anonymous
                .post()
                .uri("/zkteco/pull-attendance")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("from", "2026-11-01", "to", "2026-11-01"))
                .exchange()
                .expectStatus()
                .value(status -> assertThat(status).isIn(401, 403))
                .expectBody(Void.class);
        assertThat(api.db.queryForObject("SELECT COUNT(*) FROM pull_runs", Integer.class))
                .isEqualTo(runs);
    }

    private static void assertField(Object body, String field) {
        badRequestProblemNaming(post(body), field)
                .jsonPath("$.errors[0].message")
                .isNotEmpty();
    }

    private static long runId(WebTestClient.ResponseSpec response) {
        return ((Number) response.expectStatus()
                        .isAccepted()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody()
                        .get("runId"))
                .longValue();
    }

    /** Chunk ids of the attendance-pull commands the outbox relay published, until {@code wanted} are all there. */
    private static Set<Long> queuedChunks(List<Long> wanted) {
        RabbitTemplate rabbit = api.context.getBean(RabbitTemplate.class);
        String queue = api.context.getBean(CommandTopology.class).queue(CommandKind.ATTENDANCE_PULL);
        JsonMapper json = api.context.getBean(JsonMapper.class);
        Set<Long> chunks = new HashSet<>();
        long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!chunks.containsAll(wanted) && System.nanoTime() < until) {
            Message message = rabbit.receive(queue, 1000);
            if (message != null) {
                JsonNode command = json.readTree(message.getBody());
                chunks.add(command.get("chunkId").longValue());
            }
        }
        return chunks;
    }
}
