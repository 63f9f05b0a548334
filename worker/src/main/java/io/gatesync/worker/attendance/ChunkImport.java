package io.gatesync.worker.attendance;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntConsumer;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.gatesync.common.db.Rows;
import io.gatesync.common.messaging.PullAttendanceCommand;
import io.gatesync.common.pull.PullPlanner;
import io.gatesync.common.time.DbTime;
import io.gatesync.worker.biotime.BioTimeClock;
import io.gatesync.worker.biotime.TransactionReader;

/**
 * Imports one chunk of an attendance pull ({@code pull_chunks}): reads every BioTime punch of its window, page by
 * page (or, for the periodic pull's ARRIVALS chunk, every punch that arrived since the last read: {@link
 * ArrivalImport}; for a REREAD chunk, the guided re-read of a restored BioTime: {@link RestoreReread}), into the entry logs, then marks it DONE and adds its counts to its run. A chunk imported twice (a redelivered
 * or re-queued command, two workers at once) changes nothing the second time and is counted once.
 */
@Service
public class ChunkImport {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final TransactionReader reader;
    private final BioTimeClock clock;
    private final AttendanceImporter importer;
    private final ArrivalImport arrivals;
    private final MeterRegistry metrics;
    private final TerminalWatch terminals;
    private final RestoreReread reread;

    public ChunkImport(
            JdbcClient jdbc,
            TransactionTemplate tx,
            TransactionReader reader,
            BioTimeClock clock,
            AttendanceImporter importer,
            ArrivalImport arrivals,
            TerminalWatch terminals,
            RestoreReread reread,
            MeterRegistry metrics) {
        this.terminals = terminals;
        this.reread = reread;
        this.metrics = metrics;
        this.arrivals = arrivals;
        this.jdbc = jdbc;
        this.tx = tx;
        this.reader = reader;
        this.clock = clock;
        this.importer = importer;
        countPulled(ImportCounts.NONE); // every result at 0 from the start, so rates begin at the first pull
    }

    private record Chunk(long id, long runId, PullPlanner.Mode mode, Instant from, Instant to, String status) {}

    /** Imports the chunk; returns what was done, for the sync log. */
    public String importChunk(PullAttendanceCommand command) {
        Chunk chunk = load(command.chunkId())
                .orElseThrow(
                        () -> new IllegalStateException("No pull chunk " + command.chunkId() + " in the database"));
        if ("DONE".equals(chunk.status())) {
            return "chunk " + chunk.id() + " already imported";
        }
        IntConsumer progress =
                imported -> jdbc.sql("UPDATE pull_chunks SET punches_imported = punches_imported + ? " + "WHERE id = ?")
                        .params(imported, chunk.id())
                        .update();
        ImportCounts counts;
        String what;
        if (chunk.mode() == PullPlanner.Mode.ARRIVALS) {
            // terminals first: what they had uploaded when read is then surely in the arrivals read after
            String watched = terminals.read();
            ArrivalImport.Outcome outcome = arrivals.importArrivals(chunk.from(), chunk.to(), progress);
            counts = outcome.counts();
            what = outcome.what() + "; " + watched;
        } else if (chunk.mode() == PullPlanner.Mode.REREAD) {
            counts = ImportCounts.NONE;
            what = reread.reread(chunk.from(), chunk.to(), progress);
        } else {
            // Chunks are [from, to); BioTime's bounds are whole seconds, both inclusive.
            String start = clock.format(chunk.from());
            String end = clock.format(chunk.to().minusSeconds(1));
            counts = importer.importRead(progress, pages -> reader.read(start, end, pages))
                    .counts();
            what = start + " – " + end + ": " + counts.describe();
        }
        boolean counted = finish(chunk, counts.seen());
        countPulled(counts);
        return "chunk " + chunk.id() + " (" + what + ")"
                + (counted ? "" : "; already counted by another import of this chunk");
    }

    /** Punches read from BioTime, by what became of them (a chunk read again counts its punches again). */
    private void countPulled(ImportCounts counts) {
        pulled("imported", counts.imported());
        pulled("duplicate", counts.duplicates());
        pulled("parked", counts.parked());
        pulled("folded", counts.folded());
    }

    private void pulled(String result, int count) {
        metrics.counter("gatesync.punches.pulled", "result", result).increment(count);
    }

    /**
     * Marks the chunk DONE and adds it to its run, once: only the import that moves it to DONE counts. Its imported
     * punches were counted on the chunk as each batch committed, so an attempt that failed half-way, or a second
     * import running at the same time, leaves the count right.
     */
    private boolean finish(Chunk chunk, int seen) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            // The run first: changing the chunk's status touches its run's foreign-key index, which share-locks the
            // run; two chunks finishing at once would each hold that and wait for the other's upgrade (a deadlock).
            jdbc.sql("SELECT id FROM pull_runs WHERE id = ? FOR UPDATE")
                    .param(chunk.runId())
                    .query(Long.class)
                    .single();
            Map<String, Object> current = jdbc.sql(
                            "SELECT status, punches_imported FROM pull_chunks WHERE id = ? " + "FOR UPDATE")
                    .param(chunk.id())
                    .query()
                    .singleRow();
            if ("DONE".equals(current.get("status"))) {
                return false;
            }
            jdbc.sql("UPDATE pull_chunks SET status = 'DONE', punches_seen = ?, finished_at = ? WHERE id = ?")
                    .params(seen, DbTime.now(), chunk.id())
                    .update();
            jdbc.sql("UPDATE pull_runs SET chunks_done = chunks_done + 1, chunks_failed = chunks_failed - ?, "
                            + "punches_seen = punches_seen + ?, punches_imported = punches_imported + ? WHERE id = ?")
                    .params(
                            "FAILED".equals(current.get("status")) ? 1 : 0,
                            seen,
                            current.get("punches_imported"),
                            chunk.runId())
                    .update();
            jdbc.sql("UPDATE pull_runs SET status = CASE WHEN chunks_failed > 0 THEN 'FAILED' ELSE 'DONE' END, "
                            + "finished_at = ? WHERE id = ? AND chunks_done + chunks_failed >= chunks_total")
                    .params(DbTime.now(), chunk.runId())
                    .update();
            return true;
        }));
    }

    private Optional<Chunk> load(long id) {
        return jdbc.sql("SELECT id, run_id, mode, chunk_from, chunk_to, status FROM pull_chunks WHERE id = ?")
                .param(id)
                .query((rs, n) -> new Chunk(
                        rs.getLong("id"),
                        rs.getLong("run_id"),
                        PullPlanner.Mode.valueOf(rs.getString("mode")),
                        Rows.instant(rs, "chunk_from"),
                        Rows.instant(rs, "chunk_to"),
                        rs.getString("status")))
                .optional();
    }
}
