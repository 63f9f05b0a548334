package io.gatesync.api.reconcile;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.gatesync.api.outbox.Outbox;
import io.gatesync.api.web.NotFoundException;
import io.gatesync.api.web.Page;
import io.gatesync.api.web.PageRequest;
import io.gatesync.common.db.Rows;
import io.gatesync.common.messaging.ReconcileCommand;
import io.gatesync.common.reconcile.ReconcileRuns;

/**
 * Reconciliation runs: one is recorded and its command written to the outbox in one transaction, so either the run
 * is queued or nothing is. Reports are read from the run's days and the outcomes of its items.
 */
@Service
public class ReconcileService {

    /** Unresolved differences a report lists, at most; the counts are always whole. */
    static final int UNRESOLVED_SHOWN = 200;

    private static final String RUN_COLUMNS = "id, day_from, day_to, status, requested_by, employees_status, "
            + "employees_checked, error, created_at, finished_at";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Outbox outbox;

    public ReconcileService(JdbcClient jdbc, TransactionTemplate tx, Outbox outbox) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.outbox = outbox;
    }

    ReconcileStarted start(ReconcileRequest request, String requestedBy) {
        long runId = tx.execute(status -> {
            long id = new ReconcileRuns(jdbc).create(request.days(), requestedBy);
            outbox.add(new ReconcileCommand(Outbox.newCommandId(), id, Instant.now()));
            return id;
        });
        return new ReconcileStarted(runId, request.from(), request.to(), ReconcileController.PATH + "/" + runId);
    }

    ReconcileReport get(long runId) {
        Run run = jdbc.sql("SELECT " + RUN_COLUMNS + " FROM reconcile_runs WHERE id = ?")
                .param(runId)
                .query(ReconcileService::run)
                .optional()
                .orElseThrow(() -> new NotFoundException("No reconciliation run " + runId));
        return report(run);
    }

    /** Newest first, each with its report. */
    Page<ReconcileReport> list(PageRequest paging) {
        long total = jdbc.sql("SELECT COUNT(*) FROM reconcile_runs")
                .query(Long.class)
                .single();
        List<ReconcileReport> runs = jdbc
                .sql("SELECT " + RUN_COLUMNS + " FROM reconcile_runs ORDER BY id DESC " + "LIMIT ? OFFSET ?")
                .params(paging.size(), paging.offset())
                .query(ReconcileService::run)
                .list()
                .stream()
                .map(this::report)
                .toList();
        return Page.of(runs, paging, total);
    }

    private record Run(
            long id,
            LocalDate from,
            LocalDate to,
            String status,
            String requestedBy,
            String employeesStatus,
            int employeesChecked,
            String error,
            Instant createdAt,
            Instant finishedAt) {}

    private static Run run(ResultSet rs, int row) throws SQLException {
        return new Run(
                rs.getLong("id"),
                rs.getObject("day_from", LocalDate.class),
                rs.getObject("day_to", LocalDate.class),
                rs.getString("status"),
                rs.getString("requested_by"),
                rs.getString("employees_status"),
                rs.getInt("employees_checked"),
                rs.getString("error"),
                Rows.instant(rs, "created_at"),
                Rows.instant(rs, "finished_at"));
    }

    private ReconcileReport report(Run run) {
        // outcomes per day ("" for the employees)
        Map<String, Map<String, Integer>> outcomes = new HashMap<>();
        jdbc.sql("SELECT COALESCE(CAST(day AS CHAR), '') AS d, outcome, COUNT(*) AS n FROM reconcile_items "
                        + "WHERE run_id = ? AND outcome IS NOT NULL GROUP BY day, outcome")
                .param(run.id())
                .query(rs -> {
                    outcomes.computeIfAbsent(rs.getString("d"), k -> new HashMap<>())
                            .put(rs.getString("outcome"), rs.getInt("n"));
                });
        List<ReconcileReport.Day> days = jdbc.sql("SELECT day, status, gatesync, biotime, matched FROM reconcile_days "
                        + "WHERE run_id = ? ORDER BY day")
                .param(run.id())
                .query((rs, n) -> {
                    LocalDate day = rs.getObject("day", LocalDate.class);
                    Map<String, Integer> of = outcomes.getOrDefault(day.toString(), Map.of());
                    return new ReconcileReport.Day(
                            day,
                            rs.getString("status"),
                            rs.getInt("gatesync"),
                            rs.getInt("biotime"),
                            rs.getInt("matched"),
                            of.getOrDefault("PUSHED", 0),
                            of.getOrDefault("IMPORTED", 0),
                            of.getOrDefault("PARKED", 0),
                            of.getOrDefault("UNRESOLVED", 0));
                })
                .list();
        Map<String, Integer> people = outcomes.getOrDefault("", Map.of());
        ReconcileReport.Employees employees = new ReconcileReport.Employees(
                run.employeesStatus(),
                run.employeesChecked(),
                people.getOrDefault("RESYNCED", 0),
                people.getOrDefault("RESIGNED", 0),
                people.getOrDefault("UNRESOLVED", 0));
        List<ReconcileReport.Unresolved> unresolved = jdbc.sql("SELECT day, ref, reason FROM reconcile_items "
                        + "WHERE run_id = ? AND outcome = 'UNRESOLVED' ORDER BY id LIMIT " + UNRESOLVED_SHOWN)
                .param(run.id())
                .query((rs, n) -> new ReconcileReport.Unresolved(
                        rs.getObject("day", LocalDate.class), rs.getString("ref"), rs.getString("reason")))
                .list();
        return new ReconcileReport(
                run.id(),
                run.status(),
                run.from(),
                run.to(),
                run.requestedBy(),
                run.createdAt(),
                run.finishedAt(),
                run.error(),
                days,
                employees,
                unresolved);
    }
}
