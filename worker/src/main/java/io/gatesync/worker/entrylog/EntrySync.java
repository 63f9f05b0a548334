package io.gatesync.worker.entrylog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.gatesync.common.text.Texts;
import io.gatesync.common.db.Rows;
import io.gatesync.common.time.DbTime;
import io.gatesync.worker.biotime.BioTimeException;
import io.gatesync.worker.biotime.Punch;
import io.gatesync.worker.biotime.PunchChannel;
import io.gatesync.worker.people.PersonSync;
import io.gatesync.worker.sync.RecordLocks;
import io.gatesync.worker.sync.SyncLog;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sends an entry log's punches to BioTime: the check-in for its entry, the check-out for its exit, each once.
 * One worker at a time per entry log (a named lock); before each push the row records that a push started, so a
 * worker that finds the mark without a transaction id asks BioTime first instead of sending a second punch.
 */
@Service
public class EntrySync {

    private static final int LOCK_WAIT_SECONDS = 30;

    private final JdbcClient jdbc;
    private final PunchChannel punches;
    private final PersonSync personSync;
    private final RecordLocks locks;
    private final MeterRegistry metrics;

    public EntrySync(JdbcClient jdbc, PunchChannel punches, PersonSync personSync, RecordLocks locks,
            MeterRegistry metrics) {
        this.jdbc = jdbc;
        this.punches = punches;
        this.personSync = personSync;
        this.locks = locks;
        this.metrics = metrics;
    }

    /** Syncs the entry log; returns what was done, for the sync log. */
    public String sync(long entryLogId) {
        return locks.withLock("gatesync-entry-log-" + entryLogId, LOCK_WAIT_SECONDS, () -> {
            try {
                return syncLocked(entryLogId);
            } catch (RuntimeException e) {
                jdbc.sql("UPDATE entry_logs SET zkteco_sync_error = ? WHERE id = ?")
                        .params(Texts.truncate(e.getMessage(), 500), entryLogId).update();
                throw e;
            }
        });
    }

    private String syncLocked(long entryLogId) {
        EntryLogRow row = load(entryLogId).orElseThrow(() -> BioTimeException.permanent(
                "No entry log " + entryLogId + " in the database", 0, null));
        if (row.synced()) {
            return "already synced";
        }
        // A punch for someone BioTime does not know yet would not count: sync the person first.
        long employeeId = personSync.linkedEmployee(row.cnic()).orElseGet(() -> personSync.sync(row.cnic()));
        List<String> done = new ArrayList<>();
        if (row.entryTime() != null && row.transactionId() == null) {
            long id = pushOnce(row, new Punch(row.cnic(), employeeId, row.entryTime(), Punch.CHECK_IN),
                    row.entryPushStartedAt(), "entry_push_started_at", "zkteco_transaction_id");
            done.add("check-in " + id);
        }
        if (row.exitTime() != null && row.exitTransactionId() == null) {
            long id = pushOnce(row, new Punch(row.cnic(), employeeId, row.exitTime(), Punch.CHECK_OUT),
                    row.exitPushStartedAt(), "exit_push_started_at", "zkteco_exit_transaction_id");
            done.add("check-out " + id);
        }
        // Synced only if every punch the row has now is in BioTime (an exit may have arrived meanwhile).
        jdbc.sql("UPDATE entry_logs SET zkteco_sync_time = ?, zkteco_sync_error = NULL, zkteco_synced = CASE WHEN "
                + "(entry_time IS NULL OR zkteco_transaction_id IS NOT NULL) AND "
                + "(exit_time IS NULL OR zkteco_exit_transaction_id IS NOT NULL) THEN 1 ELSE 0 END WHERE id = ?")
                .params(DbTime.now(), entryLogId).update();
        return done.isEmpty() ? "nothing to send" : String.join(", ", done);
    }

    private long pushOnce(EntryLogRow row, Punch punch, Instant pushStartedAt, String startedColumn,
            String idColumn) {
        Optional<Long> known = pushStartedAt == null ? Optional.empty() : punches.find(punch);
        long transactionId;
        if (known.isPresent()) {
            transactionId = known.get(); // an earlier push got through before its worker could record it
        } else {
            jdbc.sql("UPDATE entry_logs SET " + startedColumn + " = ? WHERE id = ?").params(DbTime.now(), row.id())
                    .update();
            transactionId = punches.push(punch);
            metrics.counter("gatesync.punches.pushed", "direction", punch.state() == Punch.CHECK_IN ? "entry" : "exit")
                    .increment();
        }
        jdbc.sql("UPDATE entry_logs SET " + idColumn + " = ? WHERE id = ?").params(transactionId, row.id()).update();
        return transactionId;
    }

    private Optional<EntryLogRow> load(long id) {
        return jdbc.sql("SELECT id, cnic, entry_time, exit_time, zkteco_transaction_id, zkteco_exit_transaction_id, "
                + "entry_push_started_at, exit_push_started_at, zkteco_synced FROM entry_logs WHERE id = ?")
                .param(id).query(EntrySync::map).optional();
    }

    private static EntryLogRow map(ResultSet rs, int n) throws SQLException {
        return new EntryLogRow(rs.getLong("id"), rs.getString("cnic"), Rows.instant(rs, "entry_time"),
                Rows.instant(rs, "exit_time"), Rows.nullableLong(rs, "zkteco_transaction_id"),
                Rows.nullableLong(rs, "zkteco_exit_transaction_id"), Rows.instant(rs, "entry_push_started_at"),
                Rows.instant(rs, "exit_push_started_at"), rs.getBoolean("zkteco_synced"));
    }


}
