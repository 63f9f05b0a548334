package io.gatesync.worker.reconcile;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.gatesync.common.text.Texts;
import io.gatesync.common.time.DbTime;

/**
 * A run's state in MySQL ({@code reconcile_runs}, {@code reconcile_days}, {@code reconcile_items}): what the
 * {@link Reconciler} planned and what became of it, so a run resumes where a killed worker left it.
 */
class ReconcileStore {

    enum Action {
        PUSH,
        IMPORT,
        RESYNC,
        UNRESOLVED
    }

    enum Outcome {
        PUSHED,
        IMPORTED,
        PARKED,
        RESYNCED,
        RESIGNED,
        UNRESOLVED
    }

    record Run(long id, String status, String employeesStatus) {}

    record Day(LocalDate day, String status) {}

    /** A difference to heal: {@code detail} is what the heal needs (JSON), {@code reason} why it is unresolved. */
    record Item(long id, Action action, String ref, String detail) {}

    /** A difference found, before it is written. */
    record NewItem(Action action, String ref, String detail, Outcome outcome, String reason) {}

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    ReconcileStore(JdbcTemplate template) {
        this.template = template;
        this.jdbc = JdbcClient.create(template);
    }

    Optional<Run> run(long id) {
        return jdbc.sql("SELECT id, status, employees_status FROM reconcile_runs WHERE id = ?")
                .param(id)
                .query((rs, n) -> new Run(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .optional();
    }

    List<Day> days(long runId) {
        return jdbc.sql("SELECT day, status FROM reconcile_days WHERE run_id = ? ORDER BY day")
                .param(runId)
                .query((rs, n) -> new Day(rs.getObject(1, LocalDate.class), rs.getString(2)))
                .list();
    }

    /**
     * Writes a day's differences and counts, and marks it PLANNED: in the caller's transaction, and only if it is
     * still PENDING (a second worker given the same run, a re-queued command, plans it once).
     */
    void planned(long runId, LocalDate day, int gatesync, int biotime, int matched, List<NewItem> items) {
        String status = jdbc.sql("SELECT status FROM reconcile_days WHERE run_id = ? AND day = ? FOR UPDATE")
                .params(runId, day)
                .query(String.class)
                .single();
        if (!"PENDING".equals(status)) {
            return;
        }
        insert(runId, day, items);
        jdbc.sql("UPDATE reconcile_days SET status = 'PLANNED', gatesync = ?, biotime = ?, matched = ? "
                        + "WHERE run_id = ? AND day = ?")
                .params(gatesync, biotime, matched, runId, day)
                .update();
    }

    void dayDone(long runId, LocalDate day) {
        jdbc.sql("UPDATE reconcile_days SET status = 'DONE' WHERE run_id = ? AND day = ?")
                .params(runId, day)
                .update();
    }

    /** Writes the employees' differences and how many were checked, and marks them PLANNED. */
    void employeesPlanned(long runId, int checked, List<NewItem> items) {
        String status = jdbc.sql("SELECT employees_status FROM reconcile_runs WHERE id = ? FOR UPDATE")
                .param(runId)
                .query(String.class)
                .single();
        if (!"PENDING".equals(status)) {
            return;
        }
        insert(runId, null, items);
        jdbc.sql("UPDATE reconcile_runs SET employees_status = 'PLANNED', employees_checked = ? WHERE id = ?")
                .params(checked, runId)
                .update();
    }

    void employeesDone(long runId) {
        jdbc.sql("UPDATE reconcile_runs SET employees_status = 'DONE' WHERE id = ?")
                .param(runId)
                .update();
    }

    /** The day's (or, for null, the employees') items of this action not healed yet. */
    List<Item> open(long runId, LocalDate day, Action action) {
        return jdbc.sql("SELECT id, action, ref, detail FROM reconcile_items WHERE run_id = ? AND day <=> ? "
                        + "AND action = ? AND outcome IS NULL ORDER BY id")
                .params(runId, day, action.name())
                .query((rs, n) ->
                        new Item(rs.getLong(1), Action.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4)))
                .list();
    }

    void healed(Collection<Long> itemIds, Outcome outcome) {
        if (!itemIds.isEmpty()) {
            jdbc.sql("UPDATE reconcile_items SET outcome = :outcome WHERE id IN (:ids)")
                    .param("outcome", outcome.name())
                    .param("ids", itemIds)
                    .update();
        }
    }

    void unresolved(long itemId, String reason) {
        jdbc.sql("UPDATE reconcile_items SET outcome = 'UNRESOLVED', reason = ? WHERE id = ?")
                .params(Texts.truncate(reason, 500), itemId)
                .update();
    }

    /** Ends the run; returns its items by outcome. */
    Map<String, Integer> finish(long runId, String status, String error) {
        jdbc.sql("UPDATE reconcile_runs SET status = ?, error = ?, finished_at = ? WHERE id = ? AND status = 'RUNNING'")
                .params(status, error == null ? null : Texts.truncate(error, 500), DbTime.now(), runId)
                .update();
        return counts(runId);
    }

    /** The run's items by outcome. */
    private Map<String, Integer> counts(long runId) {
        Map<String, Integer> counts = new HashMap<>();
        jdbc.sql("SELECT outcome, COUNT(*) FROM reconcile_items WHERE run_id = ? AND outcome IS NOT NULL "
                        + "GROUP BY outcome")
                .param(runId)
                .query(rs -> {
                    counts.put(rs.getString(1), rs.getInt(2));
                });
        return counts;
    }

    private void insert(long runId, LocalDate day, List<NewItem> items) {
        List<Object[]> rows = new ArrayList<>(items.size());
        for (NewItem item : items) {
            rows.add(new Object[] {
                runId,
                day,
                item.action().name(),
                item.ref(),
                item.detail(),
                item.outcome() == null ? null : item.outcome().name(),
                item.reason() == null ? null : Texts.truncate(item.reason(), 500)
            });
        }
        for (int i = 0; i < rows.size(); i += 1000) {
            template.batchUpdate(
                    "INSERT INTO reconcile_items (run_id, day, action, ref, detail, outcome, reason) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?)",
                    rows.subList(i, Math.min(rows.size(), i + 1000)));
        }
    }
}
