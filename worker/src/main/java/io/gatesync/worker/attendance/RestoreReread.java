package io.gatesync.worker.attendance;

import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.gatesync.common.db.Rows;
import io.gatesync.common.entrylog.EntrySource;
import io.gatesync.common.person.Cnic;
import io.gatesync.common.time.DbTime;
import io.gatesync.worker.biotime.BioTimeException;
import io.gatesync.worker.biotime.Transaction;

/**
 * The guided re-read after BioTime was restored from a backup and gives ids again ({@link ArrivalImport} stopped the
 * import). Transaction ids no longer name punches, so it goes by what does: BioTime's unique key, the person and the
 * second.
 * <ol>
 * <li>It finds the last id both sides still agree on ({@code K}): a binary search over the ids GateSync pulled,
 * asking BioTime what each holds now (a few dozen requests).</li>
 * <li>Every id above {@code K} GateSync holds is released: a pulled punch keeps its entry log and gets its id negated
 * ("BioTime's id before the restore"); a gate punch GateSync pushed is marked unsynced, so the entry sync sends it
 * again (looking it up first, so one a terminal re-uploaded is adopted, not doubled).</li>
 * <li>It reads BioTime's punches from the date given, page by page: a punch at the second of a released one is that
 * punch (its entry log takes the new id); the rest are imported as any pull imports.</li>
 * <li>The arrival cursor starts again at BioTime's highest id as it was before the read, and the import goes on.</li>
 * </ol>
 */
public class RestoreReread {

    private static final Logger log = LoggerFactory.getLogger(RestoreReread.class);

    private final PunchReading reading;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    RestoreReread(PunchReading reading, JdbcClient jdbc, TransactionTemplate tx) {
        this.reading = reading;
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** A stored punch: the person's CNIC and the second. */
    private record Held(String cnic, Instant second) {}

    /** Re-reads [from, to); returns what it did, for the sync log. */
    String reread(Instant from, Instant to, IntConsumer counted) {
        Optional<PullCursor.State> state = reading.cursor().load();
        String released = "";
        Optional<Transaction> highest = reading.arrivals().highest();
        if (state.isPresent() && state.get().restoreSuspected() != null) {
            long agreed = lastAgreedId(state.get().maxId());
            released = release(agreed);
        }
        String start = reading.clock().format(from);
        String end = reading.clock().format(to.minusSeconds(1));
        ImportCounts[] counts = {ImportCounts.NONE};
        int[] adopted = {0};
        reading.windows().read(start, end, page -> {
            adopted[0] += adopt(page);
            counts[0] = counts[0].plus(reading.importer().importPunches(page, counted));
        });
        if (state.isPresent()) {
            Transaction top = highest.orElse(null);
            reading.cursor()
                    .restartAfterRestore(
                            top == null ? 0 : top.id(),
                            top == null ? null : top.empCode(),
                            top == null ? null : top.punchTime());
        }
        String what = "re-read " + start + " – " + end + released + "; " + adopted[0]
                + " punch(es) found again under new ids; " + counts[0].describe();
        log.info("Attendance pull: {}", what);
        return what;
    }

    /**
     * The highest id GateSync pulled that BioTime still holds as the same punch: ids at or below agree, the ones above
     * do not (a restore cuts the ids at one point). {@code disagreed} is known to disagree.
     */
    long lastAgreedId(long disagreed) {
        long lo = 0;
        long hi = disagreed;
        while (true) {
            long mid = lo + (hi - lo) / 2;
            Long probe = storedId("<= :at AND transaction_id > :lo ORDER BY transaction_id DESC", mid, lo);
            if (probe == null) {
                probe = storedId(">= :at AND transaction_id < :hi ORDER BY transaction_id", mid, hi);
            }
            if (probe == null || probe <= lo || probe >= hi) {
                return lo;
            }
            if (agrees(probe)) {
                lo = probe;
            } else {
                hi = probe;
            }
        }
    }

    /**
     * The ids GateSync pulled, with the person and time each held: pulled_punches, and the entries and exits entry logs
     * keep (pulled rows' entries, and the exits pulled onto any row: the ones release() gives up).
     */
    private static final String PULLED = "(SELECT p.transaction_id, people.cnic, p.punch_time FROM pulled_punches p "
            + "JOIN people ON people.id = p.person_id UNION ALL SELECT zkteco_transaction_id, cnic, entry_time "
            + "FROM entry_logs WHERE source = '" + EntrySource.BIOTIME.name()
            + "' AND zkteco_transaction_id > 0 UNION ALL SELECT zkteco_exit_transaction_id, cnic, exit_time "
            + "FROM entry_logs WHERE (source = '" + EntrySource.BIOTIME.name() + "' OR exit_push_started_at IS NULL) "
            + "AND zkteco_exit_transaction_id > 0) pulled";

    private Long storedId(String condition, long at, long bound) {
        return jdbc.sql("SELECT transaction_id FROM " + PULLED + " WHERE transaction_id " + condition + " LIMIT 1")
                .param("at", at)
                .param("lo", bound)
                .param("hi", bound)
                .query(Long.class)
                .optional()
                .orElse(null);
    }

    private boolean agrees(long id) {
        Held held = jdbc.sql("SELECT cnic, punch_time FROM " + PULLED + " WHERE transaction_id = ? LIMIT 1")
                .param(id)
                .query((ResultSet rs, int n) -> new Held(rs.getString("cnic"), Rows.instant(rs, "punch_time")))
                .single();
        try {
            Transaction now = reading.client().transaction(id);
            return Cnic.isValid(now.empCode())
                    && Cnic.parse(now.empCode()).value().equals(held.cnic())
                    && Objects.equals(second(now.punchTime()), held.second().truncatedTo(ChronoUnit.SECONDS));
        } catch (BioTimeException e) {
            if (e.status() == 404) {
                return false;
            }
            throw e;
        }
    }

    /** Releases every id above {@code agreed} that GateSync holds (see the class comment). */
    private String release(long agreed) {
        int[] n = tx.execute(status -> new int[] {
            jdbc.sql("UPDATE pulled_punches SET transaction_id = -transaction_id WHERE transaction_id > ?")
                    .param(agreed)
                    .update(),
            jdbc.sql("UPDATE entry_logs SET zkteco_transaction_id = -zkteco_transaction_id "
                            + "WHERE zkteco_transaction_id > ? AND source = '" + EntrySource.BIOTIME.name() + "'")
                    .param(agreed)
                    .update(),
            jdbc.sql("UPDATE entry_logs SET zkteco_exit_transaction_id = -zkteco_exit_transaction_id "
                            + "WHERE zkteco_exit_transaction_id > ? AND (source = '" + EntrySource.BIOTIME.name()
                            + "' OR exit_push_started_at IS NULL)")
                    .param(agreed)
                    .update(),
            agreed == 0 ? 0 : resend(agreed),
            jdbc.sql("UPDATE parked_punches SET transaction_id = -transaction_id WHERE transaction_id > ?")
                    .param(agreed)
                    .update()
        });
        String what = "; ids above " + agreed + " released: " + n[0] + " pulled punches, " + (n[1] + n[2])
                + " entry-log punches, " + n[3] + " pushed punches to send again, " + n[4] + " parked";
        log.warn("BioTime restored: both sides agree up to id {}{}", agreed, what);
        return what;
    }

    /**
     * Gate punches GateSync pushed under an id above {@code agreed}: the restore took them out of BioTime (or a terminal
     * re-uploaded them under another id), so they are marked unsynced and the entry sync sends them again, looking each
     * up first. Not done when no id agrees at all: that is no restore to a point, and resending everything is an
     * operator's call (a manual entry sync).
     */
    private int resend(long agreed) {
        String now = DbTime.now();
        return jdbc.sql("UPDATE entry_logs SET zkteco_transaction_id = NULL, zkteco_synced = 0, updated_at = ? "
                                + "WHERE zkteco_transaction_id > ? AND source <> '" + EntrySource.BIOTIME.name() + "'")
                        .params(now, agreed)
                        .update()
                + jdbc.sql("UPDATE entry_logs SET zkteco_exit_transaction_id = NULL, zkteco_synced = 0, updated_at = ? "
                                + "WHERE zkteco_exit_transaction_id > ? AND exit_push_started_at IS NOT NULL")
                        .params(now, agreed)
                        .update();
    }

    /**
     * Gives the released punches found again in this page their new ids: the same person at the same second is the
     * same punch (BioTime keeps one per person and second). Returns how many.
     */
    private int adopt(List<Transaction> page) {
        Map<Held, Long> byKey = new HashMap<>();
        Set<String> cnics = new HashSet<>();
        Instant lo = null;
        Instant hi = null;
        for (Transaction t : page) {
            Instant second = second(t.punchTime());
            if (second == null || !Cnic.isValid(t.empCode()) || t.id() <= 0) {
                continue;
            }
            String cnic = Cnic.parse(t.empCode()).value();
            byKey.putIfAbsent(new Held(cnic, second), t.id());
            cnics.add(cnic);
            lo = lo == null || second.isBefore(lo) ? second : lo;
            hi = hi == null || second.isAfter(hi) ? second : hi;
        }
        if (byKey.isEmpty()) {
            return 0;
        }
        Map<String, Object> params =
                Map.of("cnics", List.copyOf(cnics), "lo", DbTime.toDb(lo), "hi", DbTime.toDb(hi.plusSeconds(1)));
        List<long[]> moves = new ArrayList<>(); // released id → new id
        Set<Long> seen = new HashSet<>();
        jdbc.sql(
                        "SELECT p.transaction_id AS id, people.cnic, p.punch_time AS at FROM pulled_punches p JOIN people ON "
                                + "people.id = p.person_id WHERE p.transaction_id < 0 AND people.cnic IN (:cnics) AND p.punch_time >= :lo "
                                + "AND p.punch_time < :hi UNION ALL SELECT zkteco_transaction_id, cnic, entry_time FROM entry_logs "
                                + "WHERE zkteco_transaction_id < 0 AND cnic IN (:cnics) AND entry_time >= :lo AND entry_time < :hi "
                                + "UNION ALL SELECT zkteco_exit_transaction_id, cnic, exit_time FROM entry_logs "
                                + "WHERE zkteco_exit_transaction_id < 0 AND cnic IN (:cnics) AND exit_time >= :lo AND exit_time < :hi")
                .params(params)
                .query((ResultSet rs) -> {
                    long released = rs.getLong("id");
                    Instant at = Rows.instant(rs, "at");
                    Long now = byKey.get(new Held(rs.getString("cnic"), at.truncatedTo(ChronoUnit.SECONDS)));
                    if (now != null && seen.add(released)) {
                        moves.add(new long[] {released, now});
                    }
                });
        if (moves.isEmpty()) {
            return 0;
        }
        tx.executeWithoutResult(status -> {
            for (long[] move : moves) {
                Long taken = jdbc.sql("SELECT (SELECT COUNT(*) FROM pulled_punches WHERE transaction_id = :id) + "
                                + "(SELECT COUNT(*) FROM entry_logs WHERE zkteco_transaction_id = :id "
                                + "OR zkteco_exit_transaction_id = :id)")
                        .param("id", move[1])
                        .query(Long.class)
                        .single();
                if (taken > 0) {
                    continue; // imported already (an earlier page, an arrival read): keep the released one as is
                }
                jdbc.sql("UPDATE pulled_punches SET transaction_id = ? WHERE transaction_id = ?")
                        .params(move[1], move[0])
                        .update();
                jdbc.sql("UPDATE entry_logs SET zkteco_transaction_id = ? WHERE zkteco_transaction_id = ?")
                        .params(move[1], move[0])
                        .update();
                jdbc.sql("UPDATE entry_logs SET zkteco_exit_transaction_id = ? WHERE zkteco_exit_transaction_id = ?")
                        .params(move[1], move[0])
                        .update();
            }
        });
        return moves.size();
    }

    private Instant second(String punchTime) {
        try {
            return reading.clock().parse(punchTime).truncatedTo(ChronoUnit.SECONDS);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }
}
