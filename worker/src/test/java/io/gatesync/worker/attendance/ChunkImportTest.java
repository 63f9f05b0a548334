package io.gatesync.worker.attendance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.gatesync.common.messaging.PullAttendanceCommand;
import io.gatesync.common.pull.PullPlanner;
import io.gatesync.worker.biotime.Transaction;
import io.gatesync.worker.biotime.TransactionReader;

/** A chunk's window, its DONE mark and its run's progress, with BioTime replaced by a list of punches. */
class ChunkImportTest {

    @AutoClose
    private static AttendanceDatabase data;

    @BeforeAll
    static void start() {
        data = new AttendanceDatabase();
    }

    /** BioTime's list filter: wall-clock bounds, both inclusive; pages of two. */
    private static class ListReader extends TransactionReader {
        final List<Transaction> punches;
        final List<String> windows = new CopyOnWriteArrayList<>();

        ListReader(List<Transaction> punches) {
            super(null, 2);
            this.punches = punches;
        }

        @Override
        public int read(String start, String end, Consumer<List<Transaction>> sink) {
            windows.add(start + " – " + end);
            List<Transaction> in = punches.stream()
                    .filter(t ->
                            t.punchTime().compareTo(start) >= 0 && t.punchTime().compareTo(end) <= 0)
                    .toList();
            for (int i = 0; i < in.size(); i += 2) {
                sink.accept(in.subList(i, Math.min(in.size(), i + 2)));
            }
            return in.size();
        }
    }

    /** Window chunks only: no arrival reads. */
    private static ChunkImport windowChunks(TransactionReader reader) {
        return new ChunkImport(
                JdbcClient.create(data.db),
                new TransactionTemplate(data.transactions),
                reader,
                data.clock,
                data.importer(),
                null,
                null,
                null,
                new SimpleMeterRegistry());
    }

    /** A manual run of one-hour chunks over {@code hours} from {@code from}. */
    private static PullPlanner.Plan hourlyPlan(Instant from, int hours) {
        return new TransactionTemplate(data.transactions)
                .execute(s -> new PullPlanner(JdbcClient.create(data.db))
                        .plan(
                                PullPlanner.Kind.MANUAL,
                                from,
                                from.plus(Duration.ofHours(hours)),
                                Duration.ofHours(1),
                                "tester"));
    }

    @Test
    void eachChunkReadsItsOwnWindowAndCountsOnceInItsRun() throws Exception {
        String cnic = data.person();
        List<Transaction> punches = List.of(
                Transaction.of(1, cnic, "2026-10-01 08:00:00", "0", "D1"),
                Transaction.of(2, cnic, "2026-10-01 08:59:59", "1", "D1"),
                Transaction.of(3, cnic, "2026-10-01 09:00:00", "0", "D1"), // the second chunk's, not the first's
                Transaction.of(4, cnic, "2026-10-01 09:30:00", "1", "D1"),
                Transaction.of(5, "4210100000000", "2026-10-01 09:40:00", "0", "D1"));
        ListReader reader = new ListReader(punches);
        ChunkImport chunks = windowChunks(reader);
        PullPlanner.Plan plan = hourlyPlan(data.utc("2026-10-01 08:00:00"), 2);
        long first = plan.chunks().get(0).id();
        long second = plan.chunks().get(1).id();

        String result = chunks.importChunk(command(first));
        assertThat(result).contains("seen 2, imported 2");
        assertThat(reader.windows).containsExactly("2026-10-01 08:00:00 – 2026-10-01 08:59:59");
        assertThat(chunks.importChunk(command(first))).isEqualTo("chunk " + first + " already imported");
        assertThat(run(plan.runId()))
                .containsEntry("chunks_done", 1)
                .containsEntry("status", "RUNNING")
                .containsEntry("punches_seen", 2)
                .containsEntry("punches_imported", 2);

        // the same chunk twice at once (a re-queued command meeting the first): counted once
        List<CompletableFuture<String>> twice = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            twice.add(CompletableFuture.supplyAsync(() -> chunks.importChunk(command(second))));
        }
        for (CompletableFuture<String> f : twice) {
            f.get();
        }
        Map<String, Object> run = run(plan.runId());
        assertThat(run)
                .containsEntry("chunks_done", 2)
                .containsEntry("chunks_failed", 0)
                .containsEntry("status", "DONE")
                .containsEntry("punches_seen", 5);
        assertThat(run.get("finished_at")).isNotNull();
        assertThat(data.db.queryForList("SELECT status FROM pull_chunks WHERE run_id = ?", String.class, plan.runId()))
                .containsOnly("DONE");
        assertThat(data.visits(cnic))
                .hasSize(2)
                .allSatisfy(v -> assertThat(v.exit()).isNotNull());
    }

    @Test
    void anAttemptThatFailsHalfWayLeavesTheCountRight() {
        String cnic = data.person();
        List<Transaction> punches = List.of(
                Transaction.of(101, cnic, "2026-10-02 08:00:00", "0", "D1"),
                Transaction.of(102, cnic, "2026-10-02 08:30:00", "1", "D1"),
                Transaction.of(103, cnic, "2026-10-02 08:40:00", "0", "D1"));
        ListReader reader = new ListReader(punches) {
            boolean failed;

            @Override
            public int read(String start, String end, Consumer<List<Transaction>> sink) {
                if (!failed) {
                    failed = true;
                    sink.accept(punches.subList(0, 2));
                    throw new IllegalStateException("BioTime went away after the first page");
                }
                return super.read(start, end, sink);
            }
        };
        ChunkImport chunks = windowChunks(reader);
        PullPlanner.Plan plan = hourlyPlan(data.utc("2026-10-02 08:00:00"), 1);
        long chunk = plan.chunks().get(0).id();

        assertThatThrownBy(() -> chunks.importChunk(command(chunk))).hasMessageContaining("went away");
        assertThat(chunks.importChunk(command(chunk))).contains("seen 3, imported 1, already here 2");

        assertThat(run(plan.runId()))
                .containsEntry("status", "DONE")
                .containsEntry("punches_seen", 3)
                .containsEntry("punches_imported", 3);
    }

    private static PullAttendanceCommand command(long chunkId) {
        return new PullAttendanceCommand("cmd-" + chunkId, chunkId, Instant.now());
    }

    private static Map<String, Object> run(long id) {
        return data.db.queryForMap(
                "SELECT chunks_done, chunks_failed, status, punches_seen, punches_imported, "
                        + "finished_at FROM pull_runs WHERE id = ?",
                id);
    }
}
