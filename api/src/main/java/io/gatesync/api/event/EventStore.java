package io.gatesync.api.event;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.gatesync.api.event.EventPairing.Accepted;
import io.gatesync.api.event.EventPairing.Exits;
import io.gatesync.api.event.EventPairing.Person;
import io.gatesync.api.event.EventPairing.StoredEvent;
import io.gatesync.common.db.Rows;
import io.gatesync.common.entrylog.EntryFlag;
import io.gatesync.common.entrylog.EntrySource;
import io.gatesync.common.person.Cnic;
import io.gatesync.common.time.DbTime;

/**
 * The rows a batch of gate events reads, locks and writes ({@code gate_events}, {@code people}, {@code entry_logs}):
 * a few queries to read, one JDBC batch a table to write. Runs inside {@link EventService}'s transaction.
 */
@Component
class EventStore {

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;

    EventStore(JdbcClient jdbc, JdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    /** The stored events with these ids, by id. */
    Map<String, StoredEvent> storedEvents(Set<String> ids) {
        Map<String, StoredEvent> stored = new HashMap<>();
        jdbc.sql("SELECT event_id, cnic, direction, event_time, entry_log_id, outcome FROM gate_events "
                        + "WHERE event_id IN (:ids)")
                .param("ids", ids)
                .query(rs -> {
                    stored.put(
                            rs.getString(1),
                            new StoredEvent(
                                    rs.getString(2),
                                    rs.getString(3),
                                    Rows.instant(rs, "event_time"),
                                    rs.getLong(5),
                                    EventOutcome.valueOf(rs.getString(6))));
                });
        return stored;
    }

    /**
     * Locks these people (in CNIC order, as every batch does: no deadlock), by CNIC; an unknown CNIC is absent. No
     * query for none.
     */
    Map<String, Person> lockPeople(Set<String> cnics) {
        Map<String, Person> people = new HashMap<>();
        if (!cnics.isEmpty()) {
            jdbc.sql("SELECT id, cnic, status, left_on FROM people WHERE cnic IN (:cnics) ORDER BY cnic FOR UPDATE")
                    .param("cnics", cnics)
                    .query(rs -> {
                        LocalDate leftOn = null;
                        if ("LEFT".equals(rs.getString(3))) {
                            java.sql.Date day = rs.getDate(4);
                            leftOn = day == null ? LocalDate.MIN : day.toLocalDate();
                        }
                        people.put(rs.getString(2), new Person(rs.getLong(1), leftOn));
                    });
        }
        return people;
    }

    /**
     * For each person of {@code exits}, their latest {@link Exits#most()} open logs with an entry not after the
     * batch's last exit, oldest first. No query when there are no exits.
     */
    List<Visit> openLogs(Exits exits) {
        if (exits.perPerson().isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT id, person_id, cnic, entry_time, entry_gate FROM (SELECT id, person_id, cnic, "
                        + "entry_time, entry_gate, "
                        + "ROW_NUMBER() OVER (PARTITION BY person_id ORDER BY entry_time DESC, id DESC) AS n "
                        + "FROM entry_logs WHERE person_id IN (:people) AND exit_time IS NULL AND entry_time IS NOT NULL "
                        + "AND entry_time <= :latest) latest WHERE n <= :most ORDER BY person_id, entry_time, id")
                .param("people", exits.perPerson().keySet())
                .param("latest", DbTime.toDb(exits.latest()))
                .param("most", exits.most())
                .query((rs, n) -> Visit.stored(
                        rs.getLong(1),
                        rs.getLong(2),
                        new Cnic(rs.getString(3)),
                        Rows.instant(rs, "entry_time"),
                        rs.getString(5)))
                .list();
    }

    /** The person's latest open log with an entry not after {@code exit}, other than {@code closed}; or null. */
    Visit olderOpenLog(long personId, Instant exit, Set<Long> closed) {
        Set<Long> excluded = new HashSet<>(closed);
        excluded.add(-1L); // never an empty IN list
        return jdbc.sql("SELECT id, cnic, entry_time, entry_gate FROM entry_logs WHERE person_id = :person "
                        + "AND exit_time IS NULL AND entry_time IS NOT NULL AND entry_time <= :exit "
                        + "AND id NOT IN (:closed) ORDER BY entry_time DESC, id DESC LIMIT 1")
                .param("person", personId)
                .param("exit", DbTime.toDb(exit))
                .param("closed", excluded)
                .query((rs, n) -> Visit.stored(
                        rs.getLong(1),
                        personId,
                        new Cnic(rs.getString(2)),
                        Rows.instant(rs, "entry_time"),
                        rs.getString(4)))
                .optional()
                .orElse(null);
    }

    /**
     * Inserts the new logs and reads their ids back by the creating event, closes the old ones, then stores the
     * accepted events with their logs' ids: one JDBC batch a statement, each skipped when it has no rows.
     */
    void write(List<Visit> created, Collection<Visit> closed, List<Accepted> accepted) {
        String now = DbTime.now();
        if (!created.isEmpty()) {
            batches.batchUpdate(
                    "INSERT INTO entry_logs (person_id, cnic, entry_time, exit_time, entry_gate, "
                            + "exit_gate, source, opened_by_event, flag, person_left, zkteco_synced, created_at, updated_at) "
                            + "VALUES (?, ?, ?, ?, ?, ?, '" + EntrySource.GATE.name() + "', ?, ?, ?, ?, ?, ?)",
                    created,
                    created.size(),
                    (ps, log) -> {
                        ps.setLong(1, log.personId);
                        ps.setString(2, log.cnic.value());
                        ps.setString(3, DbTime.toDb(log.entryTime));
                        ps.setString(4, DbTime.toDb(log.exitTime));
                        ps.setString(5, log.entryGate);
                        ps.setString(6, log.exitGate);
                        ps.setString(7, log.openedBy);
                        ps.setString(8, log.exitOnly() ? EntryFlag.EXIT_WITHOUT_ENTRY.name() : null);
                        // a leaver's log has nothing to send: settled as it is, so no sync job picks it up
                        ps.setBoolean(9, log.personLeft);
                        ps.setBoolean(10, log.personLeft);
                        ps.setString(11, now);
                        ps.setString(12, now);
                    });
            Map<String, Visit> byEvent = new HashMap<>();
            created.forEach(v -> byEvent.put(v.openedBy, v));
            jdbc.sql("SELECT id, opened_by_event FROM entry_logs WHERE opened_by_event IN (:events)")
                    .param("events", byEvent.keySet())
                    .query(rs -> {
                        byEvent.get(rs.getString(2)).id = rs.getLong(1);
                    });
        }
        if (!closed.isEmpty()) {
            batches.batchUpdate(
                    "UPDATE entry_logs SET exit_time = ?, exit_gate = ?, zkteco_synced = ?, "
                            + "person_left = person_left OR ?, updated_at = ? WHERE id = ?",
                    closed,
                    closed.size(),
                    (ps, log) -> {
                        ps.setString(1, DbTime.toDb(log.exitTime));
                        ps.setString(2, log.exitGate);
                        ps.setBoolean(3, log.personLeft);
                        ps.setBoolean(4, log.personLeft);
                        ps.setString(5, now);
                        ps.setLong(6, log.id);
                    });
        }
        if (!accepted.isEmpty()) {
            batches.batchUpdate(
                    "INSERT INTO gate_events (event_id, cnic, direction, event_time, gate, entry_log_id, "
                            + "outcome, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    accepted,
                    accepted.size(),
                    (ps, a) -> {
                        GateEvent e = a.event();
                        ps.setString(1, e.eventId());
                        ps.setString(2, e.cnic().value());
                        ps.setString(3, e.direction().name());
                        ps.setString(4, DbTime.toDb(e.time()));
                        ps.setString(5, e.gate());
                        ps.setLong(6, a.visit().id);
                        ps.setString(7, a.outcome().name());
                        ps.setString(8, now);
                    });
        }
    }
}
