package io.gatesync.api.event;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.gatesync.api.outbox.Outbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.gatesync.api.web.UnprocessableException;
import io.gatesync.common.config.ZktecoProperties;
import io.gatesync.common.db.Rows;
import io.gatesync.common.messaging.SyncEntryCommand;
import io.gatesync.common.person.Cnic;
import io.gatesync.common.time.DbTime;

/**
 * Records gate events, many to a transaction: one commit (the database's slowest step) carries a whole batch, and
 * each table is written with one JDBC batch. Within the transaction the batch's people are locked, so a person's
 * events apply one at a time and in order, and every event is still judged on its own: a repeated id answers its
 * first result, an unknown person is refused, and neither holds up the others.
 */
@Service
public class EventService {

    private static final Logger log = LoggerFactory.getLogger(EventService.class);

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final TransactionTemplate tx;
    private final Outbox outbox;
    /** Registered at 0 from start-up, so an alert sees the first one. */
    private final Counter personLeft;
    private final ZktecoProperties settings;

    public EventService(JdbcClient jdbc, JdbcTemplate batches, TransactionTemplate tx, Outbox outbox,
            MeterRegistry registry, ZktecoProperties settings) {
        this.settings = settings;
        this.personLeft = Counter.builder("gatesync.gate.events.person.left")
                .description("Gate events of people who had left (status LEFT): recorded and flagged, not sent")
                .register(registry);
        this.jdbc = jdbc;
        this.batches = batches;
        this.tx = tx;
        this.outbox = outbox;
    }

    public record Recorded(EventResult result, boolean replayed) {
    }

    /** What became of one event: recorded (now or before), or refused with the reason. */
    public record Outcome(Recorded recorded, UnprocessableException refused) {

        static Outcome of(Recorded recorded) {
            return new Outcome(recorded, null);
        }

        static Outcome refused(UnprocessableException e) {
            return new Outcome(null, e);
        }

        BatchItemResult item(String eventId) {
            return refused == null ? BatchItemResult.accepted(recorded.result(), recorded.replayed())
                    : BatchItemResult.rejected(eventId, refused.status().value(), refused.errors());
        }
    }

    /** Each event's outcome, in order. One transaction; if it fails as a whole, each event is tried on its own. */
    public List<Outcome> recordAll(List<GateEvent> events) {
        try {
            return tx.execute(status -> new Batch(events).record());
        } catch (DataAccessException e) {
            // E.g. the same new event id sent twice at once: the other request won. One by one, each gets its answer.
            log.debug("Batch of {} events failed as a whole ({}); recording them one by one", events.size(),
                    e.getMostSpecificCause().getMessage());
            List<Outcome> outcomes = new ArrayList<>(events.size());
            for (GateEvent event : events) {
                outcomes.add(recordAlone(event));
            }
            return outcomes;
        }
    }

    private Outcome recordAlone(GateEvent event) {
        try {
            return tx.execute(status -> new Batch(List.of(event)).record()).get(0);
        } catch (DuplicateKeyException raced) {
            // The same event id was being recorded concurrently and won: now it is stored, answer with its result.
            return tx.execute(status -> new Batch(List.of(event)).record()).get(0);
        }
    }

    /** An entry log this batch creates or closes, and the event that did. */
    private static final class Log {
        Long id; // null until inserted
        final long personId;
        final Cnic cnic;
        final Instant entryTime;
        final String entryGate;
        Instant exitTime;
        String exitGate;
        final String openedBy; // the creating event's id, or null for a log that existed before the batch
        final long order; // newer logs sort after older ones with the same entry time
        boolean personLeft; // touched by an event of a person who had left: kept, never sent

        Log(Long id, long personId, Cnic cnic, Instant entryTime, String entryGate, String openedBy, long order) {
            this.id = id;
            this.personId = personId;
            this.cnic = cnic;
            this.entryTime = entryTime;
            this.entryGate = entryGate;
            this.openedBy = openedBy;
            this.order = order;
        }
    }

    /** One batch in one transaction: read what it needs in a few queries, decide in memory, write in batches. */
    private final class Batch {
        private final List<GateEvent> events;
        private final Outcome[] outcomes;
        private final Log[] logs; // the log each accepted event opened or closed
        private final String[] outcomeNames;
        private final Map<Long, List<Log>> openByPerson = new HashMap<>();
        private final Set<Long> exhaustive = new HashSet<>(); // people whose open logs were all read
        private final List<Log> created = new ArrayList<>();
        private final Set<Log> closed = new LinkedHashSet<>();

        Batch(List<GateEvent> events) {
            this.events = events;
            this.outcomes = new Outcome[events.size()];
            this.logs = new Log[events.size()];
            this.outcomeNames = new String[events.size()];
        }

        List<Outcome> record() {
            List<Integer> fresh = answerRepeats();
            Map<String, Long> people = lockPeople(fresh);
            readOpenLogs(fresh, people);
            for (int i : fresh) {
                GateEvent event = events.get(i);
                Long personId = people.get(event.cnic().value());
                if (personId == null) {
                    outcomes[i] = Outcome.refused(unknownPerson(event.cnic()));
                } else if (event.direction() == Direction.ENTRY) {
                    open(i, personId);
                } else {
                    close(i, personId);
                }
            }
            write();
            return List.of(outcomes);
        }

        /** Event ids seen before (stored, or earlier in this batch) get their first result; the rest are new. */
        private List<Integer> answerRepeats() {
            Set<String> ids = new HashSet<>();
            events.forEach(e -> ids.add(e.eventId()));
            Map<String, Stored> stored = new HashMap<>();
            jdbc.sql("SELECT event_id, cnic, direction, event_time, entry_log_id, outcome FROM gate_events "
                    + "WHERE event_id IN (:ids)").param("ids", ids).query(rs -> {
                        stored.put(rs.getString(1), new Stored(rs.getString(2), rs.getString(3),
                                Rows.instant(rs, "event_time"), rs.getLong(5), rs.getString(6)));
                    });
            List<Integer> fresh = new ArrayList<>();
            Map<String, Integer> firstInBatch = new HashMap<>();
            for (int i = 0; i < events.size(); i++) {
                GateEvent event = events.get(i);
                Stored before = stored.get(event.eventId());
                Integer first = firstInBatch.putIfAbsent(event.eventId(), i);
                if (before != null) {
                    outcomes[i] = sameEvent(event, before.cnic(), before.direction(), before.time())
                            ? Outcome.of(new Recorded(new EventResult(event.eventId(), before.entryLogId(),
                                    before.outcome()), true))
                            : Outcome.refused(idReused(event));
                } else if (first != null) {
                    if (sameEvent(event, events.get(first))) {
                        repeatsOf.put(i, first); // answered with the first one's result once it has one
                    } else {
                        outcomes[i] = Outcome.refused(idReused(event));
                    }
                } else {
                    fresh.add(i);
                }
            }
            return fresh;
        }

        private final Map<Integer, Integer> repeatsOf = new HashMap<>(); // index → first index with that id
        /** People of the batch whose status is LEFT, and the day they left (on the site's calendar). */
        private final Map<Long, LocalDate> left = new HashMap<>();

        /** Locks the people of the batch's new events (in CNIC order, as every batch does: no deadlock). */
        private Map<String, Long> lockPeople(List<Integer> fresh) {
            Set<String> cnics = new HashSet<>();
            fresh.forEach(i -> cnics.add(events.get(i).cnic().value()));
            Map<String, Long> ids = new HashMap<>();
            if (!cnics.isEmpty()) {
                jdbc.sql("SELECT id, cnic, status, left_on FROM people WHERE cnic IN (:cnics) ORDER BY cnic FOR UPDATE")
                        .param("cnics", cnics).query(rs -> {
                            ids.put(rs.getString(2), rs.getLong(1));
                            if ("LEFT".equals(rs.getString(3))) {
                                java.sql.Date leftOn = rs.getDate(4);
                                left.put(rs.getLong(1), leftOn == null ? LocalDate.MIN : leftOn.toLocalDate());
                            }
                        });
            }
            return ids;
        }

        /**
         * For people leaving in this batch: their latest open logs not after their last exit, as many per person
         * as they have exits here (each exit closes at most one). Fewer than that means all of them were read.
         */
        private void readOpenLogs(List<Integer> fresh, Map<String, Long> people) {
            Map<Long, Integer> exits = new HashMap<>();
            Map<Long, Instant> lastExit = new HashMap<>();
            for (int i : fresh) {
                GateEvent e = events.get(i);
                Long personId = people.get(e.cnic().value());
                if (personId != null && e.direction() == Direction.EXIT) {
                    exits.merge(personId, 1, Integer::sum);
                    lastExit.merge(personId, e.time(), (a, b) -> a.isAfter(b) ? a : b);
                }
            }
            if (exits.isEmpty()) {
                return;
            }
            int most = exits.values().stream().max(Integer::compare).orElse(1);
            Map<Long, Integer> read = new HashMap<>();
            jdbc.sql("SELECT id, person_id, cnic, entry_time, entry_gate FROM (SELECT id, person_id, cnic, entry_time, "
                    + "entry_gate, ROW_NUMBER() OVER (PARTITION BY person_id ORDER BY entry_time DESC, id DESC) AS n "
                    + "FROM entry_logs WHERE person_id IN (:people) AND exit_time IS NULL AND entry_time IS NOT NULL "
                    + "AND entry_time <= :latest) latest WHERE n <= :most ORDER BY person_id, entry_time, id")
                    .param("people", exits.keySet())
                    .param("latest", DbTime.toDb(lastExit.values().stream().max(Instant::compareTo).orElseThrow()))
                    .param("most", most)
                    .query(rs -> {
                        long personId = rs.getLong(2);
                        if (read.merge(personId, 1, Integer::sum) <= exits.get(personId)) {
                            openByPerson.computeIfAbsent(personId, k -> new ArrayList<>()).add(new Log(rs.getLong(1),
                                    personId, new Cnic(rs.getString(3)), Rows.instant(rs, "entry_time"),
                                    rs.getString(5), null, rs.getLong(1)));
                        }
                    });
            exits.forEach((personId, n) -> {
                if (read.getOrDefault(personId, 0) < n) {
                    exhaustive.add(personId);
                }
            });
        }

        private void open(int i, long personId) {
            GateEvent e = events.get(i);
            Log log = create(i, personId, e.time(), e.gate());
            openByPerson.computeIfAbsent(personId, k -> new ArrayList<>()).add(log);
            accept(i, log, "OPENED");
        }

        /** Closes the person's latest open log not after the exit; otherwise keeps a flagged exit of its own. */
        private void close(int i, long personId) {
            GateEvent e = events.get(i);
            Log open = latestOpen(personId, e.time());
            if (open != null) {
                open.exitTime = e.time();
                open.exitGate = e.gate();
                openByPerson.get(personId).remove(open);
                if (open.openedBy == null) {
                    closed.add(open);
                }
                accept(i, open, "CLOSED");
            } else {
                Log exitOnly = create(i, personId, null, null);
                exitOnly.exitTime = e.time();
                exitOnly.exitGate = e.gate();
                accept(i, exitOnly, "EXIT_WITHOUT_ENTRY");
            }
        }

        /** A log event {@code i} creates; it sorts after every stored log (their ids are all smaller). */
        private Log create(int i, long personId, Instant entryTime, String entryGate) {
            GateEvent e = events.get(i);
            Log log = new Log(null, personId, e.cnic(), entryTime, entryGate, e.eventId(),
                    Long.MAX_VALUE - events.size() + i);
            created.add(log);
            return log;
        }

        private Log latestOpen(long personId, Instant exit) {
            Log best = null;
            for (Log log : openByPerson.getOrDefault(personId, List.of())) {
                if (!log.entryTime.isAfter(exit) && (best == null || log.entryTime.isAfter(best.entryTime)
                        || (log.entryTime.equals(best.entryTime) && log.order > best.order))) {
                    best = log;
                }
            }
            if (best != null || exhaustive.contains(personId)) {
                return best;
            }
            // Older open logs than the ones read may fit this exit: ask for the latest one not closed here.
            Set<Long> closedHere = new HashSet<>();
            closed.forEach(l -> closedHere.add(l.id));
            closedHere.add(-1L);
            return jdbc.sql("SELECT id, cnic, entry_time, entry_gate FROM entry_logs WHERE person_id = :person "
                    + "AND exit_time IS NULL AND entry_time IS NOT NULL AND entry_time <= :exit "
                    + "AND id NOT IN (:closed) ORDER BY entry_time DESC, id DESC LIMIT 1")
                    .param("person", personId).param("exit", DbTime.toDb(exit)).param("closed", closedHere)
                    .query((rs, n) -> new Log(rs.getLong(1), personId, new Cnic(rs.getString(2)),
                            Rows.instant(rs, "entry_time"), rs.getString(4), null, rs.getLong(1)))
                    .optional().orElse(null);
        }

        private void accept(int i, Log log, String outcome) {
            LocalDate leftOn = left.get(log.personId);
            // a gate uploads late: a pass from before the day the person left is theirs as any other
            if (leftOn != null && !events.get(i).time().atZone(settings.timezone()).toLocalDate().isBefore(leftOn)) {
                log.personLeft = true;
            }
            logs[i] = log;
            outcomeNames[i] = outcome;
        }

        /** Inserts the new logs, reads their ids back by the creating event, closes the old ones, then the rest. */
        private void write() {
            String now = DbTime.now();
            if (!created.isEmpty()) {
                batches.batchUpdate("INSERT INTO entry_logs (person_id, cnic, entry_time, exit_time, entry_gate, "
                        + "exit_gate, source, opened_by_event, flag, person_left, zkteco_synced, created_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, 'GATE', ?, ?, ?, ?, ?, ?)", created, created.size(), (ps, log) -> {
                            ps.setLong(1, log.personId);
                            ps.setString(2, log.cnic.value());
                            ps.setString(3, log.entryTime == null ? null : DbTime.toDb(log.entryTime));
                            ps.setString(4, log.exitTime == null ? null : DbTime.toDb(log.exitTime));
                            ps.setString(5, log.entryGate);
                            ps.setString(6, log.exitGate);
                            ps.setString(7, log.openedBy);
                            ps.setString(8, log.entryTime == null ? "EXIT_WITHOUT_ENTRY" : null);
                            // a leaver's log has nothing to send: settled as it is, so no sync job picks it up
                            ps.setBoolean(9, log.personLeft);
                            ps.setBoolean(10, log.personLeft);
                            ps.setString(11, now);
                            ps.setString(12, now);
                        });
                Map<String, Log> byEvent = new HashMap<>();
                created.forEach(l -> byEvent.put(l.openedBy, l));
                jdbc.sql("SELECT id, opened_by_event FROM entry_logs WHERE opened_by_event IN (:events)")
                        .param("events", byEvent.keySet())
                        .query(rs -> {
                            byEvent.get(rs.getString(2)).id = rs.getLong(1);
                        });
            }
            if (!closed.isEmpty()) {
                batches.batchUpdate("UPDATE entry_logs SET exit_time = ?, exit_gate = ?, zkteco_synced = ?, "
                        + "person_left = person_left OR ?, updated_at = ? WHERE id = ?", closed, closed.size(),
                        (ps, log) -> {
                            ps.setString(1, DbTime.toDb(log.exitTime));
                            ps.setString(2, log.exitGate);
                            ps.setBoolean(3, log.personLeft);
                            ps.setBoolean(4, log.personLeft);
                            ps.setString(5, now);
                            ps.setLong(6, log.id);
                        });
            }
            List<Integer> accepted = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                if (logs[i] != null && outcomes[i] == null) {
                    outcomes[i] = Outcome.of(new Recorded(new EventResult(events.get(i).eventId(), logs[i].id,
                            outcomeNames[i]), false));
                    accepted.add(i);
                }
            }
            repeatsOf.forEach((i, first) -> {
                if (outcomes[i] == null) {
                    Outcome firstOutcome = outcomes[first];
                    outcomes[i] = firstOutcome.refused() != null ? firstOutcome
                            : Outcome.of(new Recorded(firstOutcome.recorded().result(), true));
                }
            });
            if (accepted.isEmpty()) {
                return;
            }
            batches.batchUpdate("INSERT INTO gate_events (event_id, cnic, direction, event_time, gate, entry_log_id, "
                    + "outcome, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", accepted, accepted.size(), (ps, i) -> {
                        GateEvent e = events.get(i);
                        ps.setString(1, e.eventId());
                        ps.setString(2, e.cnic().value());
                        ps.setString(3, e.direction().name());
                        ps.setString(4, DbTime.toDb(e.time()));
                        ps.setString(5, e.gate());
                        ps.setLong(6, logs[i].id);
                        ps.setString(7, outcomeNames[i]);
                        ps.setString(8, now);
                    });
            // One sync command per log touched: the worker reads the log as it is then, punches and all.
            Map<Long, SyncEntryCommand> commands = new LinkedHashMap<>();
            Instant at = Instant.now();
            int leavers = 0;
            for (int i : accepted) {
                if (logs[i].personLeft) {
                    leavers++; // someone who left passed a gate: kept and flagged, never sent to BioTime
                } else {
                    commands.computeIfAbsent(logs[i].id, id -> new SyncEntryCommand(Outbox.newCommandId(), id, at));
                }
            }
            if (!commands.isEmpty()) {
                outbox.addAll(List.copyOf(commands.values()));
            }
            if (leavers > 0) {
                int counted = leavers;
                // counted once the events are stored for good
                org.springframework.transaction.support.TransactionSynchronizationManager.registerSynchronization(
                        new org.springframework.transaction.support.TransactionSynchronization() {
                            @Override
                            public void afterCommit() {
                                personLeft.increment(counted);
                            }
                        });
            }
        }
    }

    /** A gate event as stored. */
    private record Stored(String cnic, String direction, Instant time, long entryLogId, String outcome) {
    }

    private static boolean sameEvent(GateEvent event, String cnic, String direction, Instant time) {
        return cnic.equals(event.cnic().value()) && direction.equals(event.direction().name())
                && time.equals(event.time().truncatedTo(ChronoUnit.MILLIS));
    }

    private static boolean sameEvent(GateEvent a, GateEvent b) {
        return sameEvent(a, b.cnic().value(), b.direction().name(), b.time().truncatedTo(ChronoUnit.MILLIS));
    }

    private static UnprocessableException idReused(GateEvent event) {
        return new UnprocessableException(HttpStatus.CONFLICT, "Event id already used", "eventId",
                "eventId " + event.eventId() + " was already used for a different event; give each event its own id");
    }

    private static UnprocessableException unknownPerson(Cnic cnic) {
        return new UnprocessableException(HttpStatus.UNPROCESSABLE_CONTENT, "Unknown person", "cnic",
                "no person with CNIC " + cnic.formatted() + "; create them first with PUT /api/people/" + cnic);
    }
}
