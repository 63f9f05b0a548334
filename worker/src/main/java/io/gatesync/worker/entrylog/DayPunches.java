package io.gatesync.worker.entrylog;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import io.gatesync.common.entrylog.EntrySource;
import io.gatesync.common.time.DbTime;
import io.gatesync.worker.biotime.PunchLookup;
import io.gatesync.worker.command.Failures;

/**
 * The punches the entry logs hold for a span of time, as reconciliation compares them with BioTime's, and the
 * sending again of those BioTime has lost: through {@link EntrySync}, so by the same channel and unique-key rules as
 * every push (a punch BioTime holds in its second again is adopted, never doubled).
 */
@Service
public class DayPunches {

    /**
     * Rows of a person who had left are never sent to BioTime, so they are not compared with it either. Entries by
     * their time's own key; exits a thousand people at a time, as ranges of {@code (person_id, exit_time, …)}: the
     * import's hot table carries no index of its own for a nightly query.
     */
    private static final String ENTRIES = "SELECT " + JdbcEntryLogPushes.COLUMNS + ", source FROM entry_logs "
            + "WHERE entry_time >= :from AND entry_time < :to AND person_left = 0";

    private static final String EXITS = "SELECT " + JdbcEntryLogPushes.COLUMNS + ", source FROM entry_logs "
            + "WHERE person_id IN (:people) AND exit_time >= :from AND exit_time < :to AND person_left = 0";
    private static final int PEOPLE_PER_QUERY = 1000;

    private final JdbcClient jdbc;
    private final EntrySync sync;

    public DayPunches(JdbcClient jdbc, EntrySync sync) {
        this.jdbc = jdbc;
        this.sync = sync;
    }

    /**
     * One punch of an entry log.
     *
     * @param ref           {@code <entry log id>:ENTRY} or {@code :EXIT}
     * @param sentAs        the second it is (or will be) in BioTime: the gate's time plus its shift
     * @param gate          a gate's punch GateSync sends; else one it took from BioTime
     * @param transactionId BioTime's id of it, once known
     * @param manualLogId   the manual-log channel's receipt
     * @param pushing       a push of it started and BioTime's answer is not recorded yet
     */
    public record Held(
            String ref,
            String cnic,
            Instant sentAs,
            boolean gate,
            Long transactionId,
            Long manualLogId,
            boolean pushing) {

        /** GateSync recorded it as in BioTime. */
        public boolean recorded() {
            return transactionId != null || manualLogId != null;
        }
    }

    /** Every punch of the entry logs in [from, to). */
    public List<Held> of(Instant from, Instant to) {
        List<Held> held = new ArrayList<>(read(ENTRIES, Direction.ENTRY, from, to, List.of()));
        List<Long> people =
                jdbc.sql("SELECT id FROM people ORDER BY id").query(Long.class).list();
        for (int i = 0; i < people.size(); i += PEOPLE_PER_QUERY) {
            held.addAll(read(
                    EXITS, Direction.EXIT, from, to, people.subList(i, Math.min(people.size(), i + PEOPLE_PER_QUERY))));
        }
        return held;
    }

    private List<Held> read(String sql, Direction direction, Instant from, Instant to, List<Long> people) {
        JdbcClient.StatementSpec query =
                jdbc.sql(sql).param("from", DbTime.toDb(from)).param("to", DbTime.toDb(to));
        if (!people.isEmpty()) {
            query = query.param("people", people);
        }
        return query.query((rs, n) -> {
                    EntryLogRow row = JdbcEntryLogPushes.map(rs, n);
                    EntryLogRow.Side side = row.side(direction);
                    return new Held(
                            row.id() + ":" + direction,
                            row.cnic(),
                            PunchLookup.second(side.time()).plusSeconds(side.shift()),
                            !EntrySource.BIOTIME.name().equals(rs.getString("source")),
                            side.transactionId(),
                            side.manualLogId(),
                            !side.inBioTime() && side.pushStartedAt() != null);
                })
                .list();
    }

    /**
     * Sends these gate punches again, BioTime having lost them: each is first forgotten as sent (only if its log
     * still records what it did when compared, so a punch sent again already is not forgotten twice), then synced.
     * Returns each ref's outcome: null when BioTime has it now, else why it could not be sent. A failure that may
     * pass (BioTime down, a busy log, an earlier push still under way) is thrown, so the whole is tried again later.
     */
    public Map<String, String> sendAgain(List<Held> lost) {
        Map<Long, List<Held>> byLog = new LinkedHashMap<>();
        for (Held punch : lost) {
            long logId = Long.parseLong(punch.ref().substring(0, punch.ref().indexOf(':')));
            Direction direction =
                    Direction.valueOf(punch.ref().substring(punch.ref().indexOf(':') + 1));
            jdbc.sql("UPDATE entry_logs SET " + direction.transactionColumn + " = NULL, " + direction.manualLogColumn
                            + " = NULL, " + direction.startedColumn + " = NULL, zkteco_synced = 0 WHERE id = ? AND "
                            + direction.transactionColumn + " <=> ? AND " + direction.manualLogColumn + " <=> ?")
                    .params(logId, punch.transactionId(), punch.manualLogId())
                    .update();
            byLog.computeIfAbsent(logId, k -> new ArrayList<>()).add(punch);
        }
        Map<String, String> out = new LinkedHashMap<>();
        sync.syncAll(byLog.keySet()).forEach((logId, outcome) -> {
            RuntimeException failure = outcome.failure();
            if (failure != null && Failures.isRetryable(failure)) {
                throw failure;
            }
            byLog.get(logId).forEach(p -> out.put(p.ref(), failure == null ? null : failure.getMessage()));
        });
        return out;
    }
}
