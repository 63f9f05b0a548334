package io.gatesync.common.reconcile;

import java.time.LocalDate;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;

import io.gatesync.common.time.DbTime;

/**
 * Records a reconciliation run and its days, inside the caller's transaction. The caller then sends one
 * {@code ReconcileCommand} for the run: the api through its outbox, the worker's nightly job with publisher confirms.
 */
public class ReconcileRuns {

    /** The most days one run covers: a month, so a run's report stays readable and its BioTime reads bounded. */
    public static final int MAX_DAYS = 31;

    /** Who asked for the nightly runs, as {@code requested_by} shows it. */
    public static final String NIGHTLY = "nightly";

    private final JdbcClient jdbc;

    public ReconcileRuns(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a RUNNING run of these days (in the BioTime server's zone, at least one); returns its id. */
    public long create(List<LocalDate> days, String requestedBy) {
        List<LocalDate> sorted = days.stream().distinct().sorted().toList();
        if (sorted.isEmpty() || sorted.size() > MAX_DAYS) {
            throw new IllegalArgumentException("A run covers 1 to " + MAX_DAYS + " days, not " + sorted.size());
        }
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO reconcile_runs (day_from, day_to, status, requested_by, created_at) "
                        + "VALUES (?, ?, 'RUNNING', ?, ?)")
                .params(sorted.get(0), sorted.get(sorted.size() - 1), requestedBy, DbTime.now())
                .update(key);
        long runId = key.getKey().longValue();
        for (LocalDate day : sorted) {
            jdbc.sql("INSERT INTO reconcile_days (run_id, day) VALUES (?, ?)")
                    .params(runId, day)
                    .update();
        }
        return runId;
    }
}
