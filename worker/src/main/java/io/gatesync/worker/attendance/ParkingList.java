package io.gatesync.worker.attendance;

import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.gatesync.common.pull.ParkReason;
import io.gatesync.common.text.Texts;
import io.gatesync.common.time.DbTime;
import io.gatesync.worker.biotime.Transaction;

/**
 * The pulled punches that cannot be imported yet ({@code parked_punches}), each with its {@link ParkReason} and the
 * fix in words. Nothing pulled is ever dropped: a punch is parked (again, with the latest reason) until an import
 * takes it, and {@link #due} hands back the ones worth another try.
 */
public class ParkingList {

    /** A punch to park. */
    record Parked(Transaction punch, String cnic, ParkReason reason, String message) {}

    /** A parked punch due for a retry, with the try count it was read at. */
    record Due(Transaction punch, int tries) {}

    /** How long a parked punch waits at most before it is tried again, whatever its reason. */
    static final Duration RETRY_AT_LEAST_EVERY = Duration.ofDays(1);

    private static final String PARK = "INSERT INTO parked_punches (transaction_id, emp_code, cnic, punch_time, "
            + "punch_state, terminal_sn, reason, message, policy, parked_at, tried_at) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE cnic = VALUES(cnic), "
            + "reason = VALUES(reason), message = VALUES(message), policy = VALUES(policy), "
            + "tried_at = VALUES(tried_at), tries = tries + 1, retry_requested = 0";

    private final JdbcTemplate jdbc;
    private final JdbcClient sql;

    public ParkingList(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.sql = JdbcClient.create(jdbc);
    }

    /** Parks the punches (a punch parked before gets the new reason and one more try). */
    void park(List<Parked> punches, String policy) {
        if (punches.isEmpty()) {
            return;
        }
        String now = DbTime.now();
        jdbc.batchUpdate(
                PARK,
                punches.stream()
                        .map(p -> new Object[] {
                            p.punch().id(),
                            Texts.truncate(p.punch().empCode(), 64),
                            p.cnic(),
                            Texts.truncate(p.punch().punchTime(), 40),
                            Texts.truncate(p.punch().punchState(), 16),
                            Texts.truncate(p.punch().terminalSn(), 32),
                            p.reason().name(),
                            Texts.truncate(p.message(), 500),
                            policy,
                            now,
                            now
                        })
                        .toList());
    }

    /**
     * Parked punches worth another try: an operator asked, the person is now registered or has returned, the state
     * policy changed since they were parked, or a day has passed.
     */
    List<Due> due(String policy, Instant now, int limit) {
        List<String> byPolicy = new ArrayList<>();
        for (ParkReason reason : ParkReason.values()) {
            if (reason.fixedByPolicy()) {
                byPolicy.add(reason.name());
            }
        }
        return sql.sql("SELECT transaction_id, emp_code, punch_time, punch_state, terminal_sn, tries "
                        + "FROM parked_punches p WHERE retry_requested = 1 OR tried_at < :dayAgo "
                        + "OR (reason = 'UNKNOWN_PERSON' AND EXISTS (SELECT 1 FROM people WHERE people.cnic = p.cnic)) "
                        + "OR (reason = 'PERSON_LEFT' AND EXISTS (SELECT 1 FROM people WHERE people.cnic = p.cnic "
                        + "AND people.status = 'ACTIVE')) "
                        + "OR (reason IN (:byPolicy) AND policy <> :policy) ORDER BY transaction_id LIMIT :limit")
                .param("dayAgo", DbTime.toDb(now.minus(RETRY_AT_LEAST_EVERY)))
                .param("byPolicy", byPolicy)
                .param("policy", policy)
                .param("limit", limit)
                .query((ResultSet rs, int n) -> new Due(
                        Transaction.of(
                                rs.getLong("transaction_id"),
                                rs.getString("emp_code"),
                                rs.getString("punch_time"),
                                rs.getString("punch_state"),
                                rs.getString("terminal_sn")),
                        rs.getInt("tries")))
                .list();
    }

    /**
     * Takes off the list the punches an import was given that it did not park again (their try count did not
     * move): imported, or found already there.
     */
    int resolve(List<Due> tried) {
        if (tried.isEmpty()) {
            return 0;
        }
        int[] counts = jdbc.batchUpdate(
                "DELETE FROM parked_punches WHERE transaction_id = ? AND tries = ?",
                tried.stream()
                        .map(d -> new Object[] {d.punch().id(), d.tries()})
                        .toList());
        int resolved = 0;
        for (int count : counts) {
            resolved += Math.max(count, 0);
        }
        return resolved;
    }
}
