package io.gatesync.api.control;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.gatesync.api.outbox.Outbox;
import io.gatesync.common.messaging.Command;
import io.gatesync.common.messaging.SyncEntryCommand;
import io.gatesync.common.messaging.SyncPersonCommand;
import io.gatesync.common.synclog.SyncLog;
import io.gatesync.common.synclog.SyncLogKind;
import io.gatesync.common.synclog.SyncLogOutcome;

/**
 * The integration guide's manual operations: queue syncs for people and entry logs through the outbox (the same
 * path as every change), in transactions of {@value #CHUNK} commands, and note each operation in the sync log.
 */
@Service
public class ManualSync {

    static final int CHUNK = 1000;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Outbox outbox;
    private final SyncLog syncLog;

    public ManualSync(JdbcClient jdbc, TransactionTemplate tx, Outbox outbox, SyncLog syncLog) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.outbox = outbox;
        this.syncLog = syncLog;
    }

    public int syncPeople(boolean onlyUnsynced, String admin) {
        int queued = queueAll(
                "people",
                "cnic",
                onlyUnsynced ? "zkteco_synced = 0" : "TRUE",
                cnic -> new SyncPersonCommand(Outbox.newCommandId(), cnic, Instant.now()));
        note("sync-all-people", queued + " people queued by " + admin);
        return queued;
    }

    public int syncUnsyncedEntries(String admin) {
        int queued = queueAll(
                "entry_logs",
                "CAST(id AS CHAR)",
                "zkteco_synced = 0",
                id -> new SyncEntryCommand(Outbox.newCommandId(), Long.parseLong(id), Instant.now()));
        note("sync-unsynced-entries", queued + " entry logs queued by " + admin);
        return queued;
    }

    /** One person; false if there is no such person. */
    public boolean syncPerson(String cnic, String admin) {
        Boolean found = tx.execute(status -> {
            if (jdbc.sql("SELECT COUNT(*) FROM people WHERE cnic = ?")
                            .param(cnic)
                            .query(Integer.class)
                            .single()
                    == 0) {
                return false;
            }
            outbox.add(new SyncPersonCommand(Outbox.newCommandId(), cnic, Instant.now()));
            return true;
        });
        if (Boolean.TRUE.equals(found)) {
            note(cnic, "person queued by " + admin);
        }
        return Boolean.TRUE.equals(found);
    }

    /** All unsynced entry logs of a person; returns how many were queued. */
    public int syncUnsyncedEntriesOf(String cnic, String admin) {
        List<Long> ids = jdbc.sql("SELECT id FROM entry_logs WHERE cnic = ? AND zkteco_synced = 0 ORDER BY id")
                .param(cnic)
                .query(Long.class)
                .list();
        return syncEntries(ids, cnic, admin);
    }

    /** One entry log, even if synced (its missing punches are sent); false if there is no such entry log. */
    public boolean syncEntry(long entryLogId, String admin) {
        if (jdbc.sql("SELECT COUNT(*) FROM entry_logs WHERE id = ?")
                        .param(entryLogId)
                        .query(Integer.class)
                        .single()
                == 0) {
            return false;
        }
        syncEntries(List.of(entryLogId), Long.toString(entryLogId), admin);
        return true;
    }

    private int syncEntries(List<Long> entryLogIds, String target, String admin) {
        tx.executeWithoutResult(status -> outbox.addAll(entryLogIds.stream()
                .map(id -> new SyncEntryCommand(Outbox.newCommandId(), id, Instant.now()))
                .toList()));
        note(target, entryLogIds.size() + " entry logs queued by " + admin);
        return entryLogIds.size();
    }

    /** Queues a command per row of {@code table} matching {@code where}, a chunk per transaction, in id order. */
    private int queueAll(String table, String key, String where, Function<String, Command> command) {
        int queued = 0;
        long after = 0;
        while (true) {
            List<Map.Entry<Long, String>> rows = jdbc.sql("SELECT id, " + key + " FROM " + table + " WHERE id > ? AND "
                            + where + " ORDER BY id LIMIT " + CHUNK)
                    .param(after)
                    .query((rs, n) -> Map.entry(rs.getLong(1), rs.getString(2)))
                    .list();
            if (rows.isEmpty()) {
                return queued;
            }
            List<Command> commands =
                    rows.stream().map(r -> command.apply(r.getValue())).toList();
            tx.executeWithoutResult(status -> outbox.addAll(commands));
            queued += rows.size();
            after = rows.get(rows.size() - 1).getKey();
        }
    }

    private void note(String target, String message) {
        syncLog.write(new SyncLog.Entry(SyncLogKind.MANUAL, target, SyncLogOutcome.QUEUED, message, 1, 0, null));
    }
}
