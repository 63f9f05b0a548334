package io.gatesync.api.pull;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.gatesync.api.outbox.Outbox;
import io.gatesync.api.web.NotFoundException;
import io.gatesync.api.web.Page;
import io.gatesync.api.web.PageRequest;
import io.gatesync.api.web.UnprocessableException;
import io.gatesync.common.db.Rows;
import io.gatesync.common.messaging.PullAttendanceCommand;
import io.gatesync.common.pull.PullPlanner;

/**
 * Manual attendance pulls: a run and its chunks are planned and one command per chunk is written to the outbox, in
 * one transaction, so either the whole pull is queued or nothing is. Workers import the chunks in parallel; a pull
 * over time already imported (by the periodic pull or another manual one) adds nothing.
 */
@Service
public class PullService {

    private static final String COLUMNS = "id, kind, window_from, window_to, chunks_total, chunks_done, "
            + "chunks_failed, punches_seen, punches_imported, status, requested_by, created_at, finished_at";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Outbox outbox;

    public PullService(JdbcClient jdbc, TransactionTemplate tx, Outbox outbox) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.outbox = outbox;
    }

    PullStarted start(PullRequest request, String requestedBy) {
        return tx.execute(status -> {
            PullPlanner.Plan plan = new PullPlanner(jdbc)
                    .plan(PullPlanner.Kind.MANUAL, request.from(), request.to(), request.chunk(), requestedBy);
            for (PullPlanner.Chunk chunk : plan.chunks()) {
                outbox.add(new PullAttendanceCommand(Outbox.newCommandId(), chunk.id(), Instant.now()));
            }
            return new PullStarted(plan.runId(), plan.chunks().size(), PullController.PATH + "/" + plan.runId());
        });
    }

    /**
     * Starts the guided re-read of a BioTime restored from a backup, from {@code from} up to now: only while the pull
     * has stopped for it (otherwise a 409 pointing at the plain pull).
     */
    PullStarted reread(Instant from, String requestedBy) {
        return tx.execute(status -> {
            String restored = jdbc.sql("SELECT restore_suspected FROM pull_cursor WHERE id = 1 FOR UPDATE")
                    .query(String.class)
                    .optional()
                    .orElse(null);
            if (restored == null) {
                throw new UnprocessableException(
                        HttpStatus.CONFLICT,
                        "BioTime does not look restored",
                        "from",
                        "the attendance pull has not stopped for a restored BioTime; to read a time again, use "
                                + "POST " + PullController.PATH + " {from, to}");
            }
            PullPlanner.Plan plan = new PullPlanner(jdbc).planReread(from, Instant.now(), requestedBy);
            outbox.add(new PullAttendanceCommand(
                    Outbox.newCommandId(), plan.chunks().get(0).id(), Instant.now()));
            return new PullStarted(plan.runId(), 1, PullController.PATH + "/" + plan.runId());
        });
    }

    PullRunView get(long runId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM pull_runs WHERE id = ?")
                .param(runId)
                .query(PullService::view)
                .optional()
                .orElseThrow(() -> new NotFoundException("No attendance pull " + runId));
    }

    /** Newest first. */
    Page<PullRunView> list(PageRequest paging) {
        long total =
                jdbc.sql("SELECT COUNT(*) FROM pull_runs").query(Long.class).single();
        List<PullRunView> runs = jdbc.sql("SELECT " + COLUMNS + " FROM pull_runs ORDER BY id DESC LIMIT ? OFFSET ?")
                .params(paging.size(), paging.offset())
                .query(PullService::view)
                .list();
        return Page.of(runs, paging, total);
    }

    private static PullRunView view(ResultSet rs, int row) throws SQLException {
        return new PullRunView(
                rs.getLong("id"),
                rs.getString("kind"),
                Rows.instant(rs, "window_from"),
                Rows.instant(rs, "window_to"),
                rs.getInt("chunks_total"),
                rs.getInt("chunks_done"),
                rs.getInt("chunks_failed"),
                rs.getInt("punches_seen"),
                rs.getInt("punches_imported"),
                rs.getString("status"),
                rs.getString("requested_by"),
                Rows.instant(rs, "created_at"),
                Rows.instant(rs, "finished_at"));
    }
}
