package io.gatesync.common.pull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

import io.gatesync.common.time.DbTime;

/**
 * Splits an attendance pull into chunks and records them ({@code pull_runs}, {@code pull_chunks}), inside the
 * caller's transaction. The caller then sends one {@code PullAttendanceCommand} per chunk: the api through its
 * outbox (manual pulls), the worker's periodic job with publisher confirms. Chunks are PENDING until a worker
 * has imported them, so a chunk whose command was lost can be sent again.
 */
public class PullPlanner {

    public enum Kind {
        PERIODIC,
        MANUAL
    }

    public record Chunk(long id, Instant from, Instant to) {}

    /** How a chunk finds its punches: by punch time in its window, or by arrival (see pull_chunks.mode). */
    public enum Mode {
        WINDOW,
        ARRIVALS,
        REREAD
    }

    public record Plan(long runId, List<Chunk> chunks) {}

    private final JdbcClient jdbc;

    public PullPlanner(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Plans [from, to) in chunks of at most {@code chunkSize}. */
    public Plan plan(Kind kind, Instant from, Instant to, Duration chunkSize, String requestedBy) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("An attendance pull needs from before to");
        }
        List<Instant[]> windows = new ArrayList<>();
        for (Instant start = from; start.isBefore(to); start = start.plus(chunkSize)) {
            Instant end = start.plus(chunkSize).isBefore(to) ? start.plus(chunkSize) : to;
            windows.add(new Instant[] {start, end});
        }
        return record(kind, from, to, windows, Mode.WINDOW, requestedBy);
    }

    /**
     * Plans a read of what BioTime got since the last one: one ARRIVALS chunk; [from, to) is the punch-time window
     * read instead if the server keeps no order GateSync can read arrivals by.
     */
    public Plan planArrivals(Instant from, Instant to, String requestedBy) {
        List<Instant[]> window = new ArrayList<>();
        window.add(new Instant[] {from, to});
        return record(Kind.PERIODIC, from, to, window, Mode.ARRIVALS, requestedBy);
    }

    /**
     * Plans the guided re-read of a BioTime restored from a backup: one REREAD chunk over [from, to) (it must release
     * the reused ids before it reads, so it is not cut into chunks that would run side by side).
     */
    public Plan planReread(Instant from, Instant to, String requestedBy) {
        List<Instant[]> window = new ArrayList<>();
        window.add(new Instant[] {from, to});
        return record(Kind.MANUAL, from, to, window, Mode.REREAD, requestedBy);
    }

    private Plan record(Kind kind, Instant from, Instant to, List<Instant[]> windows, Mode mode, String requestedBy) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO pull_runs (kind, window_from, window_to, chunks_total, requested_by, created_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?)")
                .params(kind.name(), DbTime.toDb(from), DbTime.toDb(to), windows.size(), requestedBy, DbTime.now())
                .update(key, "id");
        long runId = key.getKey().longValue();
        List<Chunk> chunks = new ArrayList<>(windows.size());
        for (Instant[] window : windows) {
            KeyHolder chunkKey = new GeneratedKeyHolder();
            jdbc.sql("INSERT INTO pull_chunks (run_id, mode, chunk_from, chunk_to, queued_at) VALUES (?, ?, ?, ?, ?)")
                    .params(runId, mode.name(), DbTime.toDb(window[0]), DbTime.toDb(window[1]), DbTime.now())
                    .update(chunkKey, "id");
            chunks.add(new Chunk(chunkKey.getKey().longValue(), window[0], window[1]));
        }
        return new Plan(runId, chunks);
    }
}
