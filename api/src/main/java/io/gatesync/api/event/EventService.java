package io.gatesync.api.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.gatesync.api.outbox.Outbox;
import io.gatesync.api.people.PersonRepository;
import io.gatesync.api.web.UnprocessableException;
import io.gatesync.common.db.Rows;
import io.gatesync.common.messaging.SyncEntryCommand;
import io.gatesync.common.time.DbTime;

/**
 * Records gate events. One transaction per event writes the idempotency row, the entry log change and the outbox
 * command together; the person's row is locked meanwhile, so a person's events apply one at a time.
 */
@Service
public class EventService {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final PersonRepository people;
    private final Outbox outbox;

    public EventService(JdbcClient jdbc, TransactionTemplate tx, PersonRepository people, Outbox outbox) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.people = people;
        this.outbox = outbox;
    }

    /** The result of recording {@code event}, or of its first recording if the event id was seen before. */
    public Recorded record(GateEvent event) {
        try {
            return tx.execute(status -> recordOnce(event));
        } catch (DuplicateKeyException raced) {
            // The same event id was being recorded concurrently and won: answer with its result.
            return previous(event).orElseThrow(() -> raced);
        }
    }

    public record Recorded(EventResult result, boolean replayed) {
    }

    private Recorded recordOnce(GateEvent event) {
        Optional<Recorded> seen = previous(event);
        if (seen.isPresent()) {
            return seen.get();
        }
        long personId = people.lockId(event.cnic()).orElseThrow(() -> new UnprocessableException(
                HttpStatus.UNPROCESSABLE_CONTENT, "Unknown person", "cnic",
                "no person with CNIC " + event.cnic().formatted() + "; create them first with PUT /api/people/"
                        + event.cnic()));
        EventResult result = event.direction() == Direction.ENTRY ? openEntry(personId, event) : closeEntry(personId, event);
        jdbc.sql("INSERT INTO gate_events (event_id, cnic, direction, event_time, gate, entry_log_id, outcome, "
                + "received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(event.eventId(), event.cnic().value(), event.direction().name(), DbTime.toDb(event.time()),
                        event.gate(), result.entryLogId(), result.outcome(), DbTime.now())
                .update();
        outbox.add(new SyncEntryCommand(Outbox.newCommandId(), result.entryLogId(), Instant.now()));
        return new Recorded(result, false);
    }

    private EventResult openEntry(long personId, GateEvent event) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO entry_logs (person_id, cnic, entry_time, entry_gate, source, created_at, updated_at) "
                + "VALUES (?, ?, ?, ?, 'GATE', ?, ?)")
                .params(personId, event.cnic().value(), DbTime.toDb(event.time()), event.gate(), DbTime.now(),
                        DbTime.now())
                .update(key, "id");
        return new EventResult(event.eventId(), key.getKey().longValue(), "OPENED");
    }

    /** Closes the person's latest entry that is still open and not after the exit; otherwise keeps a flagged exit. */
    private EventResult closeEntry(long personId, GateEvent event) {
        Optional<Long> open = jdbc.sql("SELECT id FROM entry_logs WHERE person_id = ? AND exit_time IS NULL "
                + "AND entry_time IS NOT NULL AND entry_time <= ? ORDER BY entry_time DESC, id DESC LIMIT 1")
                .params(personId, DbTime.toDb(event.time())).query(Long.class).optional();
        if (open.isPresent()) {
            jdbc.sql("UPDATE entry_logs SET exit_time = ?, exit_gate = ?, zkteco_synced = 0, updated_at = ? "
                    + "WHERE id = ?")
                    .params(DbTime.toDb(event.time()), event.gate(), DbTime.now(), open.get()).update();
            return new EventResult(event.eventId(), open.get(), "CLOSED");
        }
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO entry_logs (person_id, cnic, exit_time, exit_gate, source, flag, created_at, updated_at) "
                + "VALUES (?, ?, ?, ?, 'GATE', 'EXIT_WITHOUT_ENTRY', ?, ?)")
                .params(personId, event.cnic().value(), DbTime.toDb(event.time()), event.gate(), DbTime.now(),
                        DbTime.now())
                .update(key, "id");
        return new EventResult(event.eventId(), key.getKey().longValue(), "EXIT_WITHOUT_ENTRY");
    }

    /** The stored result of an event id seen before; a different event under a used id is refused. */
    private Optional<Recorded> previous(GateEvent event) {
        return jdbc.sql("SELECT cnic, direction, event_time, entry_log_id, outcome FROM gate_events WHERE event_id = ?")
                .param(event.eventId())
                .query((rs, n) -> {
                    boolean same = rs.getString(1).equals(event.cnic().value())
                            && rs.getString(2).equals(event.direction().name())
                            && Rows.instant(rs, "event_time")
                                    .equals(event.time().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
                    if (!same) {
                        throw new UnprocessableException(HttpStatus.CONFLICT, "Event id already used", "eventId",
                                "eventId " + event.eventId() + " was already used for a different event; "
                                        + "give each event its own id");
                    }
                    return new Recorded(new EventResult(event.eventId(), rs.getLong(4), rs.getString(5)), true);
                })
                .optional();
    }

    /** Each item of a batch on its own: one bad or unknown item does not sink the others. */
    public List<BatchItemResult> recordAll(List<GateEvent> events) {
        List<BatchItemResult> results = new ArrayList<>(events.size());
        for (GateEvent event : events) {
            try {
                Recorded r = record(event);
                results.add(BatchItemResult.accepted(r.result(), r.replayed()));
            } catch (UnprocessableException e) {
                results.add(BatchItemResult.rejected(event.eventId(), e.status().value(), e.errors()));
            }
        }
        return results;
    }
}
