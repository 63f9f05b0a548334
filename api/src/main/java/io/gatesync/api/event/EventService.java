package io.gatesync.api.event;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.gatesync.api.event.EventPairing.Accepted;
import io.gatesync.api.event.EventPairing.Decision;
import io.gatesync.api.event.EventPairing.Exits;
import io.gatesync.api.event.EventPairing.Refusal;
import io.gatesync.api.outbox.Outbox;
import io.gatesync.api.web.UnprocessableException;
import io.gatesync.common.config.ZktecoProperties;
import io.gatesync.common.messaging.SyncEntryCommand;
import io.gatesync.common.person.Cnic;

/**
 * Records gate events, many to a transaction: one commit (the database's slowest step) carries a whole batch, and
 * each table is written with one JDBC batch. Within the transaction the batch's people are locked, so a person's
 * events apply one at a time and in order, and every event is still judged on its own: a repeated id answers its
 * first result, an unknown person is refused, and neither holds up the others.
 */
@Service
public class EventService {

    private static final Logger log = LoggerFactory.getLogger(EventService.class);

    private final EventStore store;
    private final TransactionTemplate tx;
    private final Outbox outbox;
    /** Registered at 0 from start-up, so an alert sees the first one. */
    private final Counter personLeft;

    private final ZktecoProperties settings;

    EventService(
            EventStore store,
            TransactionTemplate tx,
            Outbox outbox,
            MeterRegistry registry,
            ZktecoProperties settings) {
        this.settings = settings;
        this.personLeft = Counter.builder("gatesync.gate.events.person.left")
                .description("Gate events of people who had left (status LEFT): recorded and flagged, not sent")
                .register(registry);
        this.store = store;
        this.tx = tx;
        this.outbox = outbox;
    }

    public record Recorded(EventResult result, boolean replayed) {}

    /** What became of one event: recorded (now or before), or refused with the reason. */
    public record Outcome(Recorded recorded, UnprocessableException refused) {

        static Outcome of(Recorded recorded) {
            return new Outcome(recorded, null);
        }

        static Outcome refused(UnprocessableException e) {
            return new Outcome(null, e);
        }

        BatchItemResult item(String eventId) {
            return refused == null
                    ? BatchItemResult.accepted(recorded.result(), recorded.replayed())
                    : BatchItemResult.rejected(eventId, refused.status().value(), refused.errors());
        }
    }

    /** Each event's outcome, in order. One transaction; if it fails as a whole, each event is tried on its own. */
    public List<Outcome> recordAll(List<GateEvent> events) {
        try {
            return tx.execute(status -> record(events));
        } catch (DataAccessException e) {
            // E.g. the same new event id sent twice at once: the other request won. One by one, each gets its answer.
            log.debug(
                    "Batch of {} events failed as a whole ({}); recording them one by one",
                    events.size(),
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
            return tx.execute(status -> record(List.of(event))).get(0);
        } catch (DuplicateKeyException raced) {
            // The same event id was being recorded concurrently and won: now it is stored, answer with its result.
            return tx.execute(status -> record(List.of(event))).get(0);
        }
    }

    /** One batch in one transaction: read what the rules need in a few queries, decide in memory, write in batches. */
    private List<Outcome> record(List<GateEvent> events) {
        EventPairing pairing = new EventPairing(events, settings.timezone());
        Set<String> cnics = pairing.answerRepeats(store.storedEvents(pairing.eventIds()));
        Exits exits = pairing.exitsOf(store.lockPeople(cnics));
        pairing.pair(store.openLogs(exits), store::olderOpenLog);
        List<Accepted> accepted = pairing.accepted();
        store.write(pairing.created(), pairing.closed(), accepted);
        send(accepted);
        return outcomes(events, pairing.decisions());
    }

    private static List<Outcome> outcomes(List<GateEvent> events, List<Decision> decisions) {
        List<Outcome> outcomes = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            Decision d = decisions.get(i);
            outcomes.add(
                    d.refused() == null
                            ? Outcome.of(new Recorded(d.result(), d.replayed()))
                            : Outcome.refused(refusal(d.refused(), events.get(i))));
        }
        return outcomes;
    }

    /** One sync command per log touched: the worker reads the log as it is then, punches and all. */
    private void send(List<Accepted> accepted) {
        Map<Long, SyncEntryCommand> commands = new LinkedHashMap<>();
        Instant at = Instant.now();
        int leavers = 0;
        for (Accepted a : accepted) {
            if (a.visit().personLeft) {
                leavers++; // someone who left passed a gate: kept and flagged, never sent to BioTime
            } else {
                commands.computeIfAbsent(a.visit().id, id -> new SyncEntryCommand(Outbox.newCommandId(), id, at));
            }
        }
        if (!commands.isEmpty()) {
            outbox.addAll(List.copyOf(commands.values()));
        }
        if (leavers > 0) {
            int counted = leavers;
            // counted once the events are stored for good
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    personLeft.increment(counted);
                }
            });
        }
    }

    private static UnprocessableException refusal(Refusal refusal, GateEvent event) {
        return switch (refusal) {
            case ID_REUSED -> idReused(event);
            case UNKNOWN_PERSON -> unknownPerson(event.cnic());
        };
    }

    private static UnprocessableException idReused(GateEvent event) {
        return new UnprocessableException(
                HttpStatus.CONFLICT,
                "Event id already used",
                "eventId",
                "eventId " + event.eventId() + " was already used for a different event; give each event its own id");
    }

    private static UnprocessableException unknownPerson(Cnic cnic) {
        return new UnprocessableException(
                HttpStatus.UNPROCESSABLE_CONTENT,
                "Unknown person",
                "cnic",
                "no person with CNIC " + cnic.formatted() + "; create them first with PUT /api/people/" + cnic);
    }
}
