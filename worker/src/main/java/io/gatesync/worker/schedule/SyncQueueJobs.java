package io.gatesync.worker.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.gatesync.common.config.RuntimeSettings;
import io.gatesync.common.messaging.Command;
import io.gatesync.common.messaging.SyncEntryCommand;
import io.gatesync.common.messaging.SyncPersonCommand;
import io.gatesync.common.schedule.ScheduleSettings;
import io.gatesync.common.time.DbTime;
import io.gatesync.worker.command.CommandPublisher;

/**
 * The entry sync and people sync jobs: find rows BioTime does not have yet and queue a command for each, in
 * batches of ZKTECO_BATCH_SIZE. Rows changed in the last minute are left to the commands their change queued;
 * rows queued recently, or whose command is among the dead letters (an operator replays those), are skipped.
 */
@Component
public class SyncQueueJobs {

    private static final Duration FRESH = Duration.ofMinutes(1);

    private final JdbcClient jdbc;
    private final CommandPublisher publisher;
    private final RuntimeSettings settings;
    private final ScheduleSettings schedule;

    public SyncQueueJobs(
            JdbcClient jdbc, CommandPublisher publisher, RuntimeSettings settings, ScheduleSettings schedule) {
        this.jdbc = jdbc;
        this.publisher = publisher;
        this.settings = settings;
        this.schedule = schedule;
    }

    public int queueUnsyncedEntries() {
        return queue(
                "entry_logs",
                "id",
                "ENTRY_SYNC",
                "CAST(t.id AS CHAR)",
                Long.class,
                id -> new SyncEntryCommand(UUID.randomUUID().toString(), id, Instant.now()),
                c -> ((SyncEntryCommand) c).entryLogId());
    }

    public int queueUnsyncedPeople() {
        return queue(
                "people",
                "cnic",
                "PERSON_SYNC",
                "t.cnic",
                String.class,
                cnic -> new SyncPersonCommand(UUID.randomUUID().toString(), cnic, Instant.now()),
                c -> ((SyncPersonCommand) c).cnic());
    }

    /**
     * Queues a command for each unsynced row of {@code table} (keyed by {@code key}; its dead letters' target is
     * {@code target}), and marks the rows the broker confirmed as queued.
     */
    private <K> int queue(
            String table,
            String key,
            String kind,
            String target,
            Class<K> keyType,
            Function<K, Command> command,
            Function<Command, K> keyOf) {
        Instant now = Instant.now();
        List<K> keys = jdbc.sql("SELECT t." + key + " FROM " + table + " t WHERE t.zkteco_synced = 0 "
                        + "AND t.updated_at < ? AND (t.sync_queued_at IS NULL OR t.sync_queued_at < ?) "
                        + "AND NOT EXISTS (SELECT 1 FROM dead_letters d WHERE d.status = 'DEAD' AND d.kind = '" + kind
                        + "' "
                        + "AND d.target = " + target + ") ORDER BY t.id LIMIT ?")
                .params(
                        DbTime.toDb(now.minus(FRESH)),
                        DbTime.toDb(now.minus(schedule.requeueAfter())),
                        settings.current().batchSize())
                .query(keyType)
                .list();
        List<K> queued = publisher.publishAll(keys.stream().map(command).toList()).stream()
                .map(keyOf)
                .toList();
        if (!queued.isEmpty()) {
            jdbc.sql("UPDATE " + table + " SET sync_queued_at = :now WHERE " + key + " IN (:keys)")
                    .param("now", DbTime.toDb(now))
                    .param("keys", queued)
                    .update();
        }
        return queued.size();
    }
}
