package io.gatesync.common.synclog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.gatesync.common.messaging.CommandKind;
import io.gatesync.testsupport.TestServices;

/** The sync log's vocabulary is the strings stored since V1, and its one writer writes them, on the real database. */
class SyncLogTest {

    private static JdbcClient jdbc;

    @BeforeAll
    static void database() {
        DriverManagerDataSource dataSource = TestServices.get().newMigratedDataSource();
        jdbc = JdbcClient.create(dataSource);
    }

    @BeforeEach
    void empty() {
        jdbc.sql("DELETE FROM zkteco_sync_logs").update();
    }

    /** Existing rows, the dashboard's filters and the docs name these: a renamed constant would orphan them. */
    @Test
    void theStoredStringsAreThoseOfEveryVersionBefore() {
        assertThat(Stream.of(SyncLogKind.values()).map(Enum::name))
                .containsExactly(
                        "PERSON_SYNC",
                        "ENTRY_SYNC",
                        "ATTENDANCE_PULL",
                        "RECONCILE",
                        "JOB",
                        "MANUAL",
                        "CONNECTION_TEST",
                        "UNKNOWN");
        assertThat(Stream.of(SyncLogOutcome.values()).map(Enum::name))
                .containsExactly("SUCCESS", "RETRY", "FAILED", "SKIPPED", "QUEUED", "REPLAYED");
    }

    @Test
    void everyCommandKindLogsUnderItsOwnName() {
        for (CommandKind kind : CommandKind.values()) {
            assertThat(SyncLogKind.of(kind).name()).isEqualTo(kind.name());
            assertThat(SyncLogKind.ofStored(kind.name())).isEqualTo(SyncLogKind.of(kind));
        }
        assertThat(SyncLogKind.ofStored("A_KIND_OF_LATER")).isEqualTo(SyncLogKind.UNKNOWN);
    }

    @Test
    void rowsAreWrittenInOneStatementWithTheirNodeAndCutToTheirColumns() {
        SyncLog log = new SyncLog(jdbc, "w".repeat(70));
        Instant at = Instant.parse("2026-11-24T04:00:00.123Z");
        log.writeAll(List.of(
                new SyncLog.Entry(SyncLogKind.ENTRY_SYNC, "42", SyncLogOutcome.RETRY, "x".repeat(1200), 2, 15, "c-1"),
                new SyncLog.Entry(
                        SyncLogKind.CONNECTION_TEST,
                        null,
                        SyncLogOutcome.SUCCESS,
                        "circuit CLOSED",
                        1,
                        7,
                        null,
                        "{\"circuit\": \"CLOSED\"}",
                        at)));

        List<Map<String, Object>> rows = jdbc.sql(
                        "SELECT kind, target, outcome, message, attempt, duration_ms, "
                                + "command_id, node, details, CAST(created_at AS CHAR) AS created FROM zkteco_sync_logs ORDER BY id")
                .query()
                .listOfRows();
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0))
                .containsEntry("kind", "ENTRY_SYNC")
                .containsEntry("target", "42")
                .containsEntry("outcome", "RETRY")
                .containsEntry("attempt", 2)
                .containsEntry("duration_ms", 15)
                .containsEntry("command_id", "c-1")
                .containsEntry("details", null);
        assertThat((String) rows.get(0).get("message")).hasSize(1000).endsWith("…");
        assertThat((String) rows.get(0).get("node")).hasSize(64);
        assertThat(rows.get(1))
                .containsEntry("kind", "CONNECTION_TEST")
                .containsEntry("target", "unknown")
                .containsEntry("outcome", "SUCCESS");
        assertThat(rows.get(1).get("details").toString())
                .contains("\"circuit\"")
                .contains("CLOSED");
        assertThat(rows.get(1).get("created").toString()).startsWith("2026-11-24 04:00:00.123");
    }
}
