package io.gatesync.worker.command;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.gatesync.common.text.Texts;
import io.gatesync.common.time.DbTime;

/** Writes {@code zkteco_sync_logs}: one row per sync attempt, what the dashboard and operators read. */
@Component
public class SyncLog {

    /** RETRY: failed, will be tried again; FAILED: dead-lettered. (The api writes REPLAYED for replays.) */
    public enum Outcome { SUCCESS, RETRY, FAILED, SKIPPED }

    private final JdbcClient jdbc;
    private final String node;

    public SyncLog(JdbcClient jdbc, @Value("${gatesync.node-name:}") String nodeName) {
        this.jdbc = jdbc;
        this.node = nodeName.isBlank() ? hostName() : Texts.truncate(nodeName, 64);
    }

    /** One attempt, as a row. */
    public record Entry(String kind, String target, Outcome outcome, String message, int attempt, long durationMs,
            String commandId) {
    }

    public void write(String kind, String target, Outcome outcome, String message, int attempt, long durationMs,
            String commandId) {
        writeAll(List.of(new Entry(kind, target, outcome, message, attempt, durationMs, commandId)));
    }

    /** Many attempts in one round trip (a batch of entry syncs). */
    public void writeAll(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        String now = DbTime.now();
        StringBuilder sql = new StringBuilder("INSERT INTO zkteco_sync_logs (kind, target, outcome, message, attempt, "
                + "duration_ms, command_id, node, created_at) VALUES ");
        List<Object> params = new ArrayList<>(entries.size() * 9);
        for (Entry e : entries) {
            sql.append(params.isEmpty() ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?)");
            params.addAll(Arrays.asList(e.kind(), e.target(), e.outcome().name(), Texts.truncate(e.message(), 1000),
                    e.attempt(), (int) e.durationMs(), e.commandId(), node, now));
        }
        jdbc.sql(sql.toString()).params(params).update();
    }

    private static String hostName() {
        try {
            return Texts.truncate(InetAddress.getLocalHost().getHostName() + "/" + ProcessHandle.current().pid(), 64);
        } catch (UnknownHostException e) {
            return "pid-" + ProcessHandle.current().pid();
        }
    }
}
