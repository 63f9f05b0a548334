package io.gatesync.common.synclog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.gatesync.common.text.Texts;
import io.gatesync.common.time.DbTime;

/**
 * The one writer of {@code zkteco_sync_logs}: one row per attempt at a command, job run, manual sync, dead-letter
 * replay or connection test; what the dashboard and operators read. The api and the worker each make one, naming the
 * node its rows carry; it joins the caller's transaction, if any.
 */
public class SyncLog {

    private final JdbcClient jdbc;
    private final String node;

    /** @param node what the rows' {@code node} says: {@code api}, or the worker's name */
    public SyncLog(JdbcClient jdbc, String node) {
        this.jdbc = jdbc;
        this.node = Texts.truncate(node, 64);
    }

    /**
     * One row.
     *
     * @param target    a CNIC, an entry log id, a job's name, …; {@code unknown} when null
     * @param message   for people to read, cut to 1,000 characters; nothing reads it back
     * @param commandId the command's id, so a command's attempts (and its replays) read as one history; or null
     * @param details   what a program reads back, as JSON (a connection test's findings); or null
     * @param at        when; null for now
     */
    public record Entry(
            SyncLogKind kind,
            String target,
            SyncLogOutcome outcome,
            String message,
            int attempt,
            long durationMs,
            String commandId,
            String details,
            Instant at) {

        public Entry(
                SyncLogKind kind,
                String target,
                SyncLogOutcome outcome,
                String message,
                int attempt,
                long durationMs,
                String commandId) {
            this(kind, target, outcome, message, attempt, durationMs, commandId, null, null);
        }
    }

    public void write(Entry entry) {
        writeAll(List.of(entry));
    }

    /** Many rows in one statement (a batch of entry syncs, a chunk of replays). */
    public void writeAll(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        String now = DbTime.now();
        StringBuilder sql = new StringBuilder("INSERT INTO zkteco_sync_logs (kind, target, outcome, message, attempt, "
                + "duration_ms, command_id, node, details, created_at) VALUES ");
        List<Object> params = new ArrayList<>(entries.size() * 10);
        for (Entry e : entries) {
            sql.append(params.isEmpty() ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
            params.addAll(Arrays.asList(
                    e.kind().name(),
                    e.target() == null ? "unknown" : Texts.truncate(e.target(), 64),
                    e.outcome().name(),
                    Texts.truncate(e.message(), 1000),
                    e.attempt(),
                    (int) Math.min(e.durationMs(), Integer.MAX_VALUE),
                    e.commandId(),
                    node,
                    e.details(),
                    e.at() == null ? now : DbTime.toDb(e.at())));
        }
        jdbc.sql(sql.toString()).params(params).update();
    }
}
