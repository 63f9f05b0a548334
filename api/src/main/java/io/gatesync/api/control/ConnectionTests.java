package io.gatesync.api.control;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import io.gatesync.common.db.Rows;
import io.gatesync.common.messaging.ConnectionReport;
import io.gatesync.common.synclog.SyncLog;
import io.gatesync.common.synclog.SyncLogKind;
import io.gatesync.common.synclog.SyncLogOutcome;

/**
 * The last BioTime connection test, kept as a {@code CONNECTION_TEST} row in {@code zkteco_sync_logs}. Latency and
 * circuit state live only in the memory of the worker that answered, so the dashboard shows what the last test saw
 * and when, cluster-wide and across api restarts, instead of asking BioTime again on every refresh. What it found is
 * kept typed in the row's {@code details} (JSON): its outcome, latency and time in their columns; the message is
 * for people and never read back.
 */
@Component
public class ConnectionTests {

    private final SyncLog syncLog;
    private final JdbcClient jdbc;
    private final JsonMapper json;

    public ConnectionTests(SyncLog syncLog, JdbcClient jdbc, JsonMapper json) {
        this.syncLog = syncLog;
        this.jdbc = jdbc;
        this.json = json;
    }

    /** What a test found; {@code circuit} and {@code latencyMs} are null when no worker answered. */
    public record Result(boolean ok, Long latencyMs, String circuit, List<String> problems, Instant checkedAt) {}

    /**
     * A row's {@code details}: the answering worker's circuit (null when none answered), the problems and the
     * warnings.
     */
    record Details(String circuit, List<String> problems, List<String> warnings) {

        Details {
            problems = problems == null ? List.of() : List.copyOf(problems);
            warnings = warnings == null ? List.of() : List.copyOf(warnings);
        }
    }

    /** A worker's answer; its warnings are listed as such among the problems. */
    void recordAnswer(ConnectionReport report) {
        Details details = new Details(report.circuit(), report.problems(), report.warnings());
        StringBuilder message = new StringBuilder("circuit ").append(report.circuit());
        report.problems().forEach(p -> message.append("; ").append(p));
        report.warnings().forEach(w -> message.append("; warning: ").append(w));
        write(
                report.ok(),
                message.toString(),
                details,
                report.latencyMs(),
                report.checkedAt() == null ? Instant.now() : report.checkedAt());
    }

    /** No answer, or a failed one (no worker, circuit open, BioTime refused). */
    void recordFailure(String error) {
        write(false, error, new Details(null, List.of(error), List.of()), 0, Instant.now());
    }

    public Optional<Result> last() {
        return jdbc.sql("SELECT outcome, message, details, duration_ms, created_at FROM zkteco_sync_logs "
                        + "WHERE kind = ? ORDER BY created_at DESC, id DESC LIMIT 1")
                .param(SyncLogKind.CONNECTION_TEST.name())
                .query((rs, n) -> {
                    boolean ok = SyncLogOutcome.SUCCESS.name().equals(rs.getString("outcome"));
                    Instant at = Rows.instant(rs, "created_at");
                    Details details = details(rs.getString("details"));
                    if (details == null) { // a row of before V16: its message is all there is
                        String message = rs.getString("message");
                        return new Result(ok, null, null, message == null ? List.of() : List.of(message), at);
                    }
                    List<String> problems = new ArrayList<>(details.problems());
                    details.warnings().forEach(w -> problems.add("warning: " + w));
                    return new Result(
                            ok,
                            details.circuit() == null ? null : rs.getLong("duration_ms"),
                            details.circuit(),
                            List.copyOf(problems),
                            at);
                })
                .optional();
    }

    private Details details(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return json.readValue(stored, Details.class);
        } catch (JacksonException unreadable) {
            return null;
        }
    }

    private void write(boolean ok, String message, Details details, long latencyMs, Instant at) {
        syncLog.write(new SyncLog.Entry(
                SyncLogKind.CONNECTION_TEST,
                "biotime",
                ok ? SyncLogOutcome.SUCCESS : SyncLogOutcome.FAILED,
                message,
                1,
                latencyMs,
                null,
                json.writeValueAsString(details),
                at));
    }
}
