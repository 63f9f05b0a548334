package io.gatesync.api.deadletter;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.PessimisticLockingFailureException;
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
import io.gatesync.common.messaging.CommandKind;
import io.gatesync.common.synclog.SyncLog;
import io.gatesync.common.synclog.SyncLogKind;
import io.gatesync.common.synclog.SyncLogOutcome;
import io.gatesync.common.text.Texts;
import io.gatesync.common.time.DbTime;

/**
 * Lists dead letters and sends them back to work. A replay works in chunks, one transaction each: the chunk's rows
 * are locked ({@code FOR UPDATE}, in id order) and only those still DEAD are written to the outbox under a new
 * message id, marked REPLAYED and logged in {@code zkteco_sync_logs}, so concurrent replays never send a row twice
 * and a replay that fails part-way leaves every row either fully replayed or still DEAD.
 */
@Service
public class DeadLetterService {

    private static final String COLUMNS = "id, message_id, kind, target, reason, last_error, attempts, routing_key, "
            + "first_failure, last_failure, status, replayed_at, replayed_by";

    /** The columns of {@link DeadLetterDetails}: the list's, and the payload a replay sends. */
    private static final String DETAILS_COLUMNS = COLUMNS + ", payload";

    /** Routing keys of the work queues; a dead letter naming another cannot be delivered and is not replayed. */
    private static final List<String> WORK_ROUTES =
            Arrays.stream(CommandKind.values()).map(CommandKind::routingKey).toList();

    private static final Logger log = LoggerFactory.getLogger(DeadLetterService.class);

    private static final int LOCK_ATTEMPTS = 3;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Outbox outbox;
    private final SyncLog syncLog;
    private final int chunkSize;

    public DeadLetterService(
            JdbcClient jdbc,
            TransactionTemplate tx,
            Outbox outbox,
            SyncLog syncLog,
            @Value("${gatesync.dead-letters.replay-chunk:500}") int chunkSize) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.outbox = outbox;
        this.syncLog = syncLog;
        this.chunkSize = chunkSize;
    }

    /** Newest failure first, with the counts per reason for the same filter without its reason. */
    public DeadLetterPage list(DeadLetterFilter filter, PageRequest paging) {
        return tx.execute(
                status -> { // one snapshot, so the page and the counts agree
                    Map<String, Object> params = new HashMap<>();
                    String where = filter.where(params, true);
                    long total = jdbc.sql("SELECT COUNT(*) FROM dead_letters" + where)
                            .params(params)
                            .query(Long.class)
                            .single();
                    params.put("limit", paging.size());
                    params.put("offset", paging.offset());
                    List<DeadLetterView> rows = jdbc.sql("SELECT " + COLUMNS + " FROM dead_letters" + where
                                    + " ORDER BY last_failure DESC, id DESC LIMIT :limit OFFSET :offset")
                            .params(params)
                            .query(DeadLetterService::view)
                            .list();

                    Map<String, Object> countParams = new HashMap<>();
                    Map<String, Long> counts = new LinkedHashMap<>();
                    jdbc.sql("SELECT reason, COUNT(*) FROM dead_letters" + filter.where(countParams, false)
                                    + " GROUP BY reason ORDER BY COUNT(*) DESC, reason")
                            .params(countParams)
                            .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2)))
                            .list()
                            .forEach(e -> counts.put(e.getKey(), e.getValue()));
                    return DeadLetterPage.of(Page.of(rows, paging, total), counts);
                });
    }

    public DeadLetterDetails get(long id) {
        return jdbc.sql("SELECT " + DETAILS_COLUMNS + " FROM dead_letters WHERE id = :id")
                .param("id", id)
                .query(DeadLetterService::details)
                .optional()
                .orElseThrow(() -> new NotFoundException(
                        "No dead letter with id " + id + "; GET /zkteco/dead-letters lists them"));
    }

    public ReplayResult replay(ReplaySelector selector, String admin) {
        if (selector.id() != null) {
            return replayOne(selector.id(), admin);
        }
        List<Long> replayed = new ArrayList<>();
        if (selector.ids() != null) {
            List<Long> ids = selector.ids();
            for (int from = 0; from < ids.size(); from += chunkSize) {
                List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + chunkSize));
                replayed.addAll(inTransaction(() -> replayLocked(chunk, admin)));
            }
        } else {
            replayed.addAll(replayMatching(selector, admin));
        }
        return new ReplayResult(replayed.size(), replayed);
    }

    /**
     * Every DEAD row of the filter (or all) that existed when the replay began, chunk by chunk in id order. Rows
     * recorded meanwhile are left for the next replay, so a steady stream of failures cannot keep it going.
     */
    private List<Long> replayMatching(ReplaySelector selector, String admin) {
        Long last = jdbc.sql("SELECT MAX(id) FROM dead_letters")
                .query(Long.class)
                .optional()
                .orElse(null);
        List<Long> replayed = new ArrayList<>();
        if (last == null) {
            return replayed;
        }
        Map<String, Object> params = new HashMap<>();
        StringBuilder where = new StringBuilder(
                " WHERE status = 'DEAD' AND routing_key IN (:routes)" + " AND id > :after AND id <= :last");
        params.put("routes", WORK_ROUTES);
        params.put("last", last);
        params.put("limit", chunkSize);
        if (selector.kind() != null) {
            where.append(" AND kind = :kind");
            params.put("kind", selector.kind());
        }
        if (selector.reason() != null) {
            where.append(" AND reason = :reason");
            params.put("reason", selector.reason());
        }
        long after = 0;
        while (true) {
            params.put("after", after);
            // Read without locks; the chunk is then locked and checked again in its own transaction.
            List<Long> candidates = jdbc.sql("SELECT id FROM dead_letters" + where + " ORDER BY id LIMIT :limit")
                    .params(params)
                    .query(Long.class)
                    .list();
            if (candidates.isEmpty()) {
                return replayed;
            }
            replayed.addAll(inTransaction(() -> replayLocked(candidates, admin)));
            if (candidates.size() < chunkSize) {
                return replayed;
            }
            after = candidates.get(candidates.size() - 1);
        }
    }

    /**
     * In the caller's transaction: locks the rows of {@code ids} and replays those still DEAD; returns their ids.
     * The lock is taken by primary key alone, so every replay locks in id order and two never deadlock; the status
     * is checked on the locked rows, which a replay that got there first has already marked REPLAYED.
     */
    private List<Long> replayLocked(List<Long> ids, String admin) {
        List<DeadLetterDetails> rows = jdbc
                .sql("SELECT " + DETAILS_COLUMNS + " FROM dead_letters WHERE id IN (:ids) " + "ORDER BY id FOR UPDATE")
                .param("ids", ids)
                .query(DeadLetterService::details)
                .list()
                .stream()
                .filter(d -> d.deadLetter().status().equals("DEAD")
                        && WORK_ROUTES.contains(d.deadLetter().routingKey()))
                .toList();
        return send(rows, admin);
    }

    /** One dead letter by id: 404 unless it exists and is DEAD; 422 if it names no work queue. */
    private ReplayResult replayOne(long id, String admin) {
        return inTransaction(() -> {
            DeadLetterDetails locked = jdbc.sql(
                            "SELECT " + DETAILS_COLUMNS + " FROM dead_letters WHERE id = :id FOR UPDATE")
                    .param("id", id)
                    .query(DeadLetterService::details)
                    .optional()
                    .orElseThrow(() -> new UnprocessableException(
                            HttpStatus.NOT_FOUND,
                            "Not found",
                            "id",
                            "no dead letter with id " + id + "; GET /zkteco/dead-letters lists them"));
            DeadLetterView row = locked.deadLetter();
            if (!row.status().equals("DEAD")) {
                throw new UnprocessableException(
                        HttpStatus.NOT_FOUND,
                        "Not found",
                        "id",
                        "dead letter " + id
                                + " is not waiting to be replayed: its status is " + row.status()
                                + (row.replayedBy() == null
                                        ? ""
                                        : " (replayed by " + row.replayedBy() + " at " + row.replayedAt() + ")")
                                + "; GET /zkteco/dead-letters lists those still DEAD");
            }
            if (!WORK_ROUTES.contains(row.routingKey())) {
                throw new UnprocessableException(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "Cannot be replayed",
                        "id",
                        "dead letter " + id + " has routing key '" + row.routingKey()
                                + "', which names no work queue (" + String.join(", ", WORK_ROUTES)
                                + "); it cannot be replayed");
            }
            return new ReplayResult(1, send(List.of(locked), admin));
        });
    }

    /**
     * Runs {@code work} in a transaction of its own, again if the database chose it as a deadlock victim (the outbox
     * relay locks the outbox too): it was rolled back whole, and the rows are locked and checked afresh.
     */
    private <T> T inTransaction(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return tx.execute(status -> work.get());
            } catch (PessimisticLockingFailureException e) {
                if (attempt == LOCK_ATTEMPTS) {
                    throw e;
                }
                log.info(
                        "Dead-letter replay chunk rolled back ({}); trying again",
                        e.getMostSpecificCause().getMessage());
            }
        }
    }

    /** In the caller's transaction, for rows it has locked: outbox, status and sync log together. */
    private List<Long> send(List<DeadLetterDetails> rows, String admin) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Instant at = Instant.now();
        String now = DbTime.toDb(at);
        String by = Texts.truncate(admin, 64);
        List<Long> ids = new ArrayList<>(rows.size());
        List<SyncLog.Entry> logs = new ArrayList<>(rows.size());
        for (DeadLetterDetails details : rows) {
            DeadLetterView row = details.deadLetter();
            String messageId = Outbox.newCommandId(); // new: the outbox keeps message ids unique
            outbox.addRaw(messageId, row.routingKey(), details.payload());
            // the command id the workers log for this command, so its history reads as one
            logs.add(new SyncLog.Entry(
                    SyncLogKind.ofStored(row.kind()),
                    row.target(),
                    SyncLogOutcome.REPLAYED,
                    message(row, by, messageId),
                    row.attempts(),
                    0,
                    row.messageId().length() <= 36 ? row.messageId() : null,
                    null,
                    at));
            ids.add(row.id());
        }
        syncLog.writeAll(logs);
        int marked = jdbc.sql("UPDATE dead_letters SET status = 'REPLAYED', replayed_at = :now, replayed_by = :by "
                        + "WHERE id IN (:ids) AND status = 'DEAD'")
                .param("now", now)
                .param("by", by)
                .param("ids", ids)
                .update();
        if (marked != ids.size()) { // cannot happen while the rows are locked; never send what is not marked
            throw new IllegalStateException("Marked " + marked + " of " + ids.size() + " dead letters as replayed");
        }
        return ids;
    }

    private static String message(DeadLetterView row, String admin, String messageId) {
        String why =
                row.lastError() == null ? row.reason() : row.reason() + ": " + Texts.truncate(row.lastError(), 200);
        return "Replayed dead letter " + row.id() + " (" + why + ") by " + admin + " as message " + messageId;
    }

    private static DeadLetterView view(ResultSet rs, int row) throws SQLException {
        return new DeadLetterView(
                rs.getLong("id"),
                rs.getString("message_id"),
                rs.getString("kind"),
                rs.getString("target"),
                rs.getString("reason"),
                rs.getString("last_error"),
                rs.getInt("attempts"),
                rs.getString("routing_key"),
                Rows.instant(rs, "first_failure"),
                Rows.instant(rs, "last_failure"),
                rs.getString("status"),
                Rows.instant(rs, "replayed_at"),
                rs.getString("replayed_by"));
    }

    private static DeadLetterDetails details(ResultSet rs, int row) throws SQLException {
        return new DeadLetterDetails(view(rs, row), rs.getString("payload"));
    }
}
