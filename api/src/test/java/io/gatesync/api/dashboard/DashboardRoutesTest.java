package io.gatesync.api.dashboard;

import static io.gatesync.api.Responses.badRequestNaming;
import static io.gatesync.api.Responses.get;
import static io.gatesync.api.Responses.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.gatesync.api.TestApi;
import io.gatesync.common.messaging.CommandKind;
import io.gatesync.common.time.DbTime;

/**
 * The dashboard's own read-only routes against real MySQL/MariaDB and RabbitMQ, without workers: rows are written
 * straight into the tables as the workers would leave them, and the overview and sync logs must count them right.
 */
class DashboardRoutesTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Karachi");

    private static TestApi api;
    private static WebTestClient http;
    private static JdbcTemplate db;
    private static final AtomicLong numbers = new AtomicLong(1_000_000_000_000L);

    @BeforeAll
    static void start() {
        api = TestApi.start("--zkteco.timezone=" + ZONE, "--zkteco.rate-limit=20", "--gatesync.query-timeout=1s");
        http = api.http;
        db = api.db;
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @BeforeEach
    void emptyTables() {
        for (String table : List.of(
                "entry_logs",
                "gate_events",
                "outbox",
                "people",
                "zkteco_sync_logs",
                "dead_letters",
                "rate_budget",
                "worker_nodes",
                "parked_punches")) {
            db.update("DELETE FROM " + table);
        }
    }

    @Test
    void theOverviewCountsWhatBioTimeHasLacksAndFailedTodayAndInTotal() {
        Instant today = LocalDate.now(ZONE).atStartOfDay(ZONE).toInstant();
        Instant yesterday = today.minus(Duration.ofHours(20));
        long synced = person(true, null);
        long pending = person(false, null);
        person(false, "Department not found");
        // today: a gate visit pushed both ways, a pulled one, one pending, one failed, an exit without entry
        entryLog(synced, today.plusSeconds(60), today.plusSeconds(120), true, true);
        entryLog(synced, today.plusSeconds(180), null, true, false);
        entryLog(pending, today.plusSeconds(240), null, false, false);
        long failed = entryLog(pending, today.plusSeconds(300), null, false, false);
        db.update("UPDATE entry_logs SET zkteco_sync_error = 'Connection timeout' WHERE id = ?", failed);
        entryLog(pending, null, today.plusSeconds(360), false, false);
        // a night shift: in yesterday (not today's), out today (a punch of today)
        entryLog(synced, yesterday, today.plusSeconds(30), true, true);
        db.update(
                "INSERT INTO dead_letters (message_id, kind, target, reason, attempts, routing_key, payload, "
                        + "first_failure, last_failure, status, created_at) VALUES ('m1', 'PERSON_SYNC', 'x', 'PERMANENT', 1, "
                        + "'person-sync', '{}', ?, ?, 'DEAD', ?)",
                DbTime.now(),
                DbTime.now(),
                DbTime.now());
        db.update(
                "INSERT INTO worker_nodes (node, last_seen, started) VALUES ('w1', ?, ?), ('gone', ?, ?)",
                DbTime.now(),
                DbTime.now(),
                DbTime.toDb(Instant.now().minusSeconds(600)),
                DbTime.now());
        db.update("INSERT INTO rate_budget (name, next_slot_us) VALUES ('biotime', "
                + "CAST(UNIX_TIMESTAMP(NOW(6)) * 1000000 AS SIGNED) + 2000000)");

        ok(get(http, "/zkteco/overview"))
                .jsonPath("$.database.up")
                .isEqualTo(true)
                .jsonPath("$.broker.health.up")
                .isEqualTo(true)
                .jsonPath("$.broker.queues.length()")
                .isEqualTo(CommandKind.values().length)
                .jsonPath("$.broker.queues[0].kind")
                .isEqualTo("person-sync")
                .jsonPath("$.broker.queues[0].messages")
                .isEqualTo(0)
                .jsonPath("$.broker.queues[0].deadLetters")
                .isEqualTo(0)
                .jsonPath("$.broker.retrying")
                .isEqualTo(0)
                .jsonPath("$.biotime.workersAlive")
                .isEqualTo(1)
                .jsonPath("$.biotime.lastTest")
                .isEmpty()
                .jsonPath("$.rateBudget.perSecond")
                .isEqualTo(20.0)
                .jsonPath("$.rateBudget.secondsLeasedAhead")
                .value(s -> assertThat(((Number) s).doubleValue()).isBetween(1.0, 2.0))
                .jsonPath("$.statistics.people.synced")
                .isEqualTo(1)
                .jsonPath("$.statistics.people.pending")
                .isEqualTo(2)
                .jsonPath("$.statistics.people.failed")
                .isEqualTo(1)
                .jsonPath("$.statistics.entryLogsToday.synced")
                .isEqualTo(2)
                .jsonPath("$.statistics.entryLogsToday.pending")
                .isEqualTo(3)
                .jsonPath("$.statistics.entryLogsToday.failed")
                .isEqualTo(1)
                .jsonPath("$.statistics.entryLogs.synced")
                .isEqualTo(3)
                .jsonPath("$.statistics.entryLogs.pending")
                .isEqualTo(3)
                .jsonPath("$.statistics.punchesPushedToday")
                .isEqualTo(3)
                .jsonPath("$.statistics.punchesPulledToday")
                .isEqualTo(1)
                .jsonPath("$.statistics.entryLogLagSeconds")
                .isNumber()
                .jsonPath("$.statistics.deadLettersPending")
                .isEqualTo(1)
                .jsonPath("$.statistics.zone")
                .isEqualTo(ZONE.getId())
                .jsonPath("$.statistics.dayStart")
                .isEqualTo(today.toString());
    }

    @Test
    void aConnectionTestNoWorkerAnsweredIsTheLastTestTheOverviewShows() {
        http.post()
                .uri("/zkteco/test-connection")
                .exchange()
                .expectStatus()
                .isEqualTo(504)
                .expectBody(Void.class);
        ok(get(http, "/zkteco/overview"))
                .jsonPath("$.biotime.lastTest.ok")
                .isEqualTo(false)
                .jsonPath("$.biotime.lastTest.circuit")
                .isEmpty()
                .jsonPath("$.biotime.lastTest.problems[0]")
                .value(p -> assertThat((String) p).contains("no worker answered"))
                .jsonPath("$.biotime.lastTest.checkedAt")
                .isNotEmpty();
        ok(get(http, "/zkteco/sync-logs?kind=connection_test"))
                .jsonPath("$.totalElements")
                .isEqualTo(1)
                .jsonPath("$.content[0].outcome")
                .isEqualTo("FAILED")
                .jsonPath("$.content[0].target")
                .isEqualTo("biotime");
    }

    @Test
    void syncLogsAreFilteredByKindOutcomeCnicAndTimeNewestFirstAndPaged() {
        long person = person(true, null);
        String cnic = db.queryForObject("SELECT cnic FROM people WHERE id = ?", String.class, person);
        long entryLogId = entryLog(person, Instant.now(), null, true, false);
        Instant t0 = Instant.parse("2026-11-24T04:00:00Z");
        syncLog("PERSON_SYNC", cnic, "SUCCESS", t0);
        syncLog("ENTRY_SYNC", Long.toString(entryLogId), "RETRY", t0.plusSeconds(60));
        syncLog("ENTRY_SYNC", Long.toString(entryLogId), "SUCCESS", t0.plusSeconds(120));
        syncLog("ENTRY_SYNC", "999999", "FAILED", t0.plusSeconds(180));
        syncLog("JOB", "entry-sync", "SUCCESS", t0.plusSeconds(240));

        ok(get(http, "/zkteco/sync-logs"))
                .jsonPath("$.totalElements")
                .isEqualTo(5)
                .jsonPath("$.content[0].kind")
                .isEqualTo("JOB")
                .jsonPath("$.content[4].kind")
                .isEqualTo("PERSON_SYNC");
        ok(get(http, "/zkteco/sync-logs?kind=entry_sync&outcome=success"))
                .jsonPath("$.totalElements")
                .isEqualTo(1)
                .jsonPath("$.content[0].target")
                .isEqualTo(Long.toString(entryLogId));
        // a person's CNIC finds their own rows and those of their entry logs
        ok(get(http, "/zkteco/sync-logs?cnic={c}", cnic))
                .jsonPath("$.totalElements")
                .isEqualTo(3);
        ok(get(http, "/zkteco/sync-logs?from={f}&to={t}", t0.plusSeconds(60), t0.plusSeconds(180)))
                .jsonPath("$.totalElements")
                .isEqualTo(2);
        ok(get(http, "/zkteco/sync-logs?size=2&page=2"))
                .jsonPath("$.content.length()")
                .isEqualTo(1)
                .jsonPath("$.totalPages")
                .isEqualTo(3)
                .jsonPath("$.content[0].kind")
                .isEqualTo("PERSON_SYNC");
    }

    @Test
    @SuppressWarnings("unchecked")
    void badSyncLogFiltersAreAProblemNamingEachField() {
        get(http, "/zkteco/sync-logs?kind=nope&outcome=maybe&cnic=12&from=yesterday&page=x")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[*].field")
                .value(f -> assertThat((List<String>) f).containsExactly("kind", "outcome", "cnic", "from", "page"))
                .jsonPath("$.errors[0].message")
                .value(m -> assertThat((String) m).contains("ENTRY_SYNC"));
        get(http, "/zkteco/sync-logs?from=2026-11-24T05:00:00Z&to=2026-11-24T04:00:00Z&size=501")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[*].field")
                .value(f -> assertThat((List<String>) f).containsExactly("from"));
        badRequestNaming(get(http, "/zkteco/sync-logs?size=501"), "size");
    }

    @Test
    @SuppressWarnings("unchecked")
    void parkedPunchesAreListedByReasonAndAnAdminAsksForTheirRetry() {
        parked(11, "4210100000001", "UNKNOWN_PERSON", T_PARKED);
        parked(12, "4210100000002", "UNKNOWN_PERSON", T_PARKED.plusSeconds(60));
        parked(13, "EMP-7", "NOT_A_CNIC", T_PARKED.plusSeconds(120));
        ok(get(http, "/zkteco/parked?reason=unknown_person&size=1"))
                .jsonPath("$.totalElements")
                .isEqualTo(2)
                .jsonPath("$.totalPages")
                .isEqualTo(2)
                .jsonPath("$.content[0].transactionId")
                .isEqualTo(11)
                .jsonPath("$.content[0].message")
                .isEqualTo("fix it so")
                .jsonPath("$.countsByReason.UNKNOWN_PERSON")
                .isEqualTo(2)
                .jsonPath("$.countsByReason.NOT_A_CNIC")
                .isEqualTo(1)
                .jsonPath("$.countsByReason.UNKNOWN_TERMINAL")
                .isEqualTo(0)
                .jsonPath("$.total")
                .isEqualTo(3);

        http.post()
                .uri("/zkteco/parked/retry")
                .bodyValue(Map.of("reason", "NOT_A_CNIC"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.requested")
                .isEqualTo(1)
                .jsonPath("$.when")
                .value(w -> assertThat((String) w).contains("periodic attendance pull"));
        http.post()
                .uri("/zkteco/parked/retry")
                .bodyValue(Map.of("ids", List.of(11)))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.requested")
                .isEqualTo(1);
        assertThat(db.queryForList(
                        "SELECT transaction_id FROM parked_punches WHERE retry_requested = 1 "
                                + "ORDER BY transaction_id",
                        Long.class))
                .containsExactly(11L, 13L);
        http.post()
                .uri("/zkteco/parked/retry")
                .bodyValue(Map.of("all", true))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.requested")
                .isEqualTo(3);

        http.post()
                .uri("/zkteco/parked/retry")
                .bodyValue(Map.of("reason", "LOST", "colour", "red"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[*].field")
                .value(f -> assertThat((List<String>) f).contains("colour", "reason"));
        http.post()
                .uri("/zkteco/parked/retry")
                .bodyValue(Map.of("all", false))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("all");
        get(http, "/zkteco/parked?reason=LOST")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].message")
                .value(m -> assertThat((String) m).contains("UNKNOWN_PERSON"));
    }

    private static final Instant T_PARKED = Instant.parse("2026-11-24T04:00:00Z");

    private static void parked(long id, String empCode, String reason, Instant at) {
        db.update(
                "INSERT INTO parked_punches (transaction_id, emp_code, punch_time, punch_state, terminal_sn, reason, "
                        + "message, policy, parked_at, tried_at) VALUES (?, ?, '2026-11-24 09:00:00', '0', 'T1', ?, "
                        + "'fix it so', 'p', ?, ?)",
                id,
                empCode,
                reason,
                DbTime.toDb(at),
                DbTime.toDb(at));
    }

    // --- rows as the api and the workers leave them

    private static long person(boolean synced, String error) {
        String cnic = Long.toString(numbers.incrementAndGet());
        db.update(
                "INSERT INTO people (cnic, name, zkteco_synced, zkteco_sync_error, created_at, updated_at) "
                        + "VALUES (?, 'Test Person', ?, ?, ?, ?)",
                cnic,
                synced,
                error,
                DbTime.now(),
                DbTime.now());
        return db.queryForObject("SELECT id FROM people WHERE cnic = ?", Long.class, cnic);
    }

    /** Punch ids are set for each punch the row has when synced; pushed ones also carry their push mark. */
    private static long entryLog(long personId, Instant in, Instant out, boolean synced, boolean pushed) {
        Map<String, Object> person = db.queryForMap("SELECT cnic FROM people WHERE id = ?", personId);
        Long inId = synced && in != null ? numbers.incrementAndGet() : null;
        Long outId = synced && out != null ? numbers.incrementAndGet() : null;
        String now = DbTime.now();
        db.update(
                "INSERT INTO entry_logs (person_id, cnic, entry_time, exit_time, source, zkteco_synced, "
                        + "zkteco_transaction_id, zkteco_exit_transaction_id, entry_push_started_at, exit_push_started_at, "
                        + "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                personId,
                person.get("cnic"),
                DbTime.toDb(in),
                DbTime.toDb(out),
                pushed || !synced ? "GATE" : "BIOTIME",
                synced,
                inId,
                outId,
                pushed && in != null ? now : null,
                pushed && out != null ? now : null,
                now,
                now);
        return db.queryForObject("SELECT MAX(id) FROM entry_logs", Long.class);
    }

    private static void syncLog(String kind, String target, String outcome, Instant at) {
        db.update(
                "INSERT INTO zkteco_sync_logs (kind, target, outcome, message, attempt, duration_ms, node, "
                        + "created_at) VALUES (?, ?, ?, 'test', 1, 5, 'w1', ?)",
                kind,
                target,
                outcome,
                DbTime.toDb(at));
    }
}
