package io.gatesync.api.control;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.gatesync.common.db.Rows;
import io.gatesync.common.messaging.ConnectionReport;
import io.gatesync.common.text.Texts;
import io.gatesync.common.time.DbTime;

/**
 * The last BioTime connection test, kept as a {@code CONNECTION_TEST} row in {@code zkteco_sync_logs}. Latency and
 * circuit state live only in the memory of the worker that answered, so the dashboard shows what the last test saw
 * and when, cluster-wide and across api restarts, instead of asking BioTime again on every refresh.
 */
@Component
public class ConnectionTests {

    static final String KIND = "CONNECTION_TEST";
    /** The row's message: "circuit CLOSED" and any problems, "; "-separated. */
    private static final Pattern MESSAGE = Pattern.compile("circuit (\\w+)(?:; (.*))?", Pattern.DOTALL);

    private final JdbcClient jdbc;

    public ConnectionTests(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What a test found; {@code circuit} and {@code latencyMs} are null when no worker answered. */
    public record Result(boolean ok, Long latencyMs, String circuit, List<String> problems, Instant checkedAt) {
    }

    /** A worker's answer; its warnings are listed as such among the problems. */
    void recordAnswer(ConnectionReport report) {
        StringBuilder message = new StringBuilder("circuit ").append(report.circuit());
        report.problems().forEach(p -> message.append("; ").append(p));
        report.warnings().forEach(w -> message.append("; warning: ").append(w));
        write(report.ok(), message.toString(), report.latencyMs(),
                report.checkedAt() == null ? Instant.now() : report.checkedAt());
    }

    /** No answer, or a failed one (no worker, circuit open, BioTime refused). */
    void recordFailure(String error) {
        write(false, error, 0, Instant.now());
    }

    public Optional<Result> last() {
        return jdbc.sql("SELECT outcome, message, duration_ms, created_at FROM zkteco_sync_logs WHERE kind = ? "
                + "ORDER BY created_at DESC, id DESC LIMIT 1").param(KIND).query((rs, n) -> {
                    boolean ok = "SUCCESS".equals(rs.getString("outcome"));
                    String message = rs.getString("message");
                    Instant at = Rows.instant(rs, "created_at");
                    Matcher answered = MESSAGE.matcher(message == null ? "" : message);
                    if (!answered.matches()) {
                        return new Result(false, null, null, List.of(message), at);
                    }
                    List<String> problems = answered.group(2) == null ? List.of()
                            : Arrays.asList(answered.group(2).split("; "));
                    return new Result(ok, rs.getLong("duration_ms"), answered.group(1), problems, at);
                }).optional();
    }

    private void write(boolean ok, String message, long latencyMs, Instant at) {
        jdbc.sql("INSERT INTO zkteco_sync_logs (kind, target, outcome, message, attempt, duration_ms, node, "
                + "created_at) VALUES (?, 'biotime', ?, ?, 1, ?, 'api', ?)")
                .params(KIND, ok ? "SUCCESS" : "FAILED", Texts.truncate(message, 1000),
                        (int) Math.min(latencyMs, Integer.MAX_VALUE), DbTime.toDb(at))
                .update();
    }
}
