package io.gatesync.api.event;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a batch of gate events does to the entry logs, decided in memory from what the database said, with no
 * database of its own (so every rule is unit-tested without one):
 * <ul>
 * <li>an event id seen before answers its first result: stored before, it is replayed; earlier in the batch, it gets
 * that event's result; the same id for a different event is refused, as is an unknown person;</li>
 * <li>an ENTRY opens a log;</li>
 * <li>an EXIT closes the person's latest open log whose entry is not after it (a later entry among equals), whether
 * stored before or opened earlier in the batch; with none, it is kept in an exit-only log of its own, flagged
 * EXIT_WITHOUT_ENTRY;</li>
 * <li>a person who had left (status LEFT) has the logs their events open or close marked {@code personLeft}, unless
 * the event is from before the day they left (on the site's calendar): a gate that uploads late.</li>
 * </ul>
 * One instance a batch, used in the order the database is read ({@link EventService} runs the steps):
 * {@link #answerRepeats}, {@link #exitsOf}, {@link #pair}; then the logs and events to write, and once the created
 * logs have their ids, {@link #decisions}.
 */
final class EventPairing {

    /** Why an event was refused. */
    enum Refusal {
        /** Its id was used before for a different event. */
        ID_REUSED,
        /** No person has its CNIC. */
        UNKNOWN_PERSON
    }

    /** A gate event as stored, with its result. */
    record StoredEvent(String cnic, String direction, Instant time, long entryLogId, EventOutcome outcome) {}

    /** A person of the batch as locked; {@code leftOn} is the day they left if their status is LEFT, else null. */
    record Person(long id, LocalDate leftOn) {}

    /**
     * Whose stored open logs the batch's exits may close: each person with exits here, and how many (each exit closes
     * at most one log); none is after {@code latest}, the batch's last exit.
     */
    record Exits(Map<Long, Integer> perPerson, Instant latest) {

        /** The most exits one person has here: as many of each person's latest open logs are read. */
        int most() {
            return perPerson.values().stream().max(Integer::compare).orElse(1);
        }
    }

    /** The database, asked midway for an older open log than those read. */
    @FunctionalInterface
    interface OlderOpenLog {

        /** The person's latest open log with an entry not after {@code exit}, other than {@code closed}; or null. */
        Visit latest(long personId, Instant exit, Set<Long> closed);
    }

    /** An event that opened or closed a log: stored with the log's id and what it did. */
    record Accepted(GateEvent event, Visit visit, EventOutcome outcome) {}

    /** What became of one event: its result (replayed if it was recorded before), or why it was refused. */
    record Decision(EventResult result, boolean replayed, Refusal refused) {

        static Decision recorded(EventResult result, boolean replayed) {
            return new Decision(result, replayed, null);
        }

        static Decision refused(Refusal refusal) {
            return new Decision(null, false, refusal);
        }
    }

    private final List<GateEvent> events;
    private final ZoneId zone;
    private final Decision[] answered; // replayed or refused without pairing
    private final Visit[] visits; // the log each accepted event opened or closed
    private final EventOutcome[] outcomes; // and what it did to it
    private final Map<Integer, Integer> repeatsOf = new HashMap<>(); // index → first index with that id
    private final List<Integer> fresh = new ArrayList<>(); // events to pair, in order
    private Map<String, Person> people = Map.of(); // by CNIC
    private Exits exits = new Exits(Map.of(), null);
    private final Map<Long, List<Visit>> openByPerson = new HashMap<>();
    private final Set<Long> exhaustive = new HashSet<>(); // people whose open logs were all read
    private final List<Visit> created = new ArrayList<>();
    private final Set<Visit> closed = new LinkedHashSet<>();

    /** @param zone the site's time zone: the calendar on which a person left */
    EventPairing(List<GateEvent> events, ZoneId zone) {
        this.events = events;
        this.zone = zone;
        this.answered = new Decision[events.size()];
        this.visits = new Visit[events.size()];
        this.outcomes = new EventOutcome[events.size()];
    }

    /** The ids to look up among the stored events. */
    Set<String> eventIds() {
        Set<String> ids = new HashSet<>();
        events.forEach(e -> ids.add(e.eventId()));
        return ids;
    }

    /**
     * Step 1: event ids seen before (stored, or earlier in this batch) get their first result; the rest are new.
     *
     * @param stored the stored events with this batch's ids, by id
     * @return the CNICs of the new events: the people to lock
     */
    Set<String> answerRepeats(Map<String, StoredEvent> stored) {
        Map<String, Integer> firstInBatch = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            GateEvent event = events.get(i);
            StoredEvent before = stored.get(event.eventId());
            Integer first = firstInBatch.putIfAbsent(event.eventId(), i);
            if (before != null) {
                answered[i] = sameEvent(event, before.cnic(), before.direction(), before.time())
                        ? Decision.recorded(
                                new EventResult(event.eventId(), before.entryLogId(), before.outcome()), true)
                        : Decision.refused(Refusal.ID_REUSED);
            } else if (first != null) {
                if (sameEvent(event, events.get(first))) {
                    repeatsOf.put(i, first); // answered with the first one's result once it has one
                } else {
                    answered[i] = Decision.refused(Refusal.ID_REUSED);
                }
            } else {
                fresh.add(i);
            }
        }
        Set<String> cnics = new HashSet<>();
        fresh.forEach(i -> cnics.add(events.get(i).cnic().value()));
        return cnics;
    }

    /**
     * Step 2: the people of the new events, as locked.
     *
     * @param people by CNIC; an unknown CNIC is absent
     * @return whose open logs the exits may close (no one if there are no exits of known people)
     */
    Exits exitsOf(Map<String, Person> people) {
        this.people = people;
        Map<Long, Integer> perPerson = new HashMap<>();
        Instant latest = null;
        for (int i : fresh) {
            GateEvent e = events.get(i);
            Person person = people.get(e.cnic().value());
            if (person != null && e.direction() == Direction.EXIT) {
                perPerson.merge(person.id(), 1, Integer::sum);
                latest = latest == null || e.time().isAfter(latest) ? e.time() : latest;
            }
        }
        exits = new Exits(perPerson, latest);
        return exits;
    }

    /**
     * Step 3: pairs the new events in order.
     *
     * @param openLogs for each person of the {@link Exits} step 2 answered, their latest {@link Exits#most()} open logs
     *     with an entry not after {@link Exits#latest()}, oldest first
     * @param older asked when an exit fits none of the open logs read and older ones were not all read
     */
    void pair(List<Visit> openLogs, OlderOpenLog older) {
        Map<Long, List<Visit>> read = new HashMap<>();
        openLogs.forEach(open ->
                read.computeIfAbsent(open.personId, k -> new ArrayList<>()).add(open));
        exits.perPerson().forEach((personId, n) -> {
            List<Visit> logs = read.getOrDefault(personId, List.of());
            // each exit closes at most one: the person's latest n are theirs to close (read oldest first, up to the
            // most any person needs), and fewer than n means all of their open logs were read
            openByPerson.put(personId, new ArrayList<>(logs.subList(Math.max(0, logs.size() - n), logs.size())));
            if (logs.size() < n) {
                exhaustive.add(personId);
            }
        });
        for (int i : fresh) {
            GateEvent event = events.get(i);
            Person person = people.get(event.cnic().value());
            if (person == null) {
                answered[i] = Decision.refused(Refusal.UNKNOWN_PERSON);
            } else if (event.direction() == Direction.ENTRY) {
                open(i, person);
            } else {
                close(i, person, older);
            }
        }
    }

    private void open(int i, Person person) {
        GateEvent e = events.get(i);
        Visit visit = create(i, person.id(), e.time(), e.gate());
        openByPerson.computeIfAbsent(person.id(), k -> new ArrayList<>()).add(visit);
        accept(i, person, visit, EventOutcome.OPENED);
    }

    /** Closes the person's latest open log not after the exit; otherwise keeps a flagged exit of its own. */
    private void close(int i, Person person, OlderOpenLog older) {
        GateEvent e = events.get(i);
        Visit open = latestOpen(person.id(), e.time(), older);
        if (open != null) {
            open.exit(e.time(), e.gate());
            openByPerson.get(person.id()).remove(open);
            if (open.wasStored()) {
                closed.add(open);
            }
            accept(i, person, open, EventOutcome.CLOSED);
        } else {
            Visit exitOnly = create(i, person.id(), null, null);
            exitOnly.exit(e.time(), e.gate());
            accept(i, person, exitOnly, EventOutcome.EXIT_WITHOUT_ENTRY);
        }
    }

    /** A log event {@code i} creates; it sorts after every stored log (their ids are all smaller). */
    private Visit create(int i, long personId, Instant entryTime, String entryGate) {
        GateEvent e = events.get(i);
        Visit visit = new Visit(
                null, personId, e.cnic(), entryTime, entryGate, e.eventId(), Long.MAX_VALUE - events.size() + i);
        created.add(visit);
        return visit;
    }

    private Visit latestOpen(long personId, Instant exit, OlderOpenLog older) {
        Visit best = null;
        for (Visit visit : openByPerson.getOrDefault(personId, List.of())) {
            if (!visit.entryTime.isAfter(exit)
                    && (best == null
                            || visit.entryTime.isAfter(best.entryTime)
                            || (visit.entryTime.equals(best.entryTime) && visit.order > best.order))) {
                best = visit;
            }
        }
        if (best != null || exhaustive.contains(personId)) {
            return best;
        }
        // Older open logs than the ones read may fit this exit: ask for the latest one not closed here.
        Set<Long> closedHere = new HashSet<>();
        closed.forEach(v -> closedHere.add(v.id));
        return older.latest(personId, exit, closedHere);
    }

    private void accept(int i, Person person, Visit visit, EventOutcome outcome) {
        // a gate uploads late: a pass from before the day the person left is theirs as any other
        if (person.leftOn() != null
                && !events.get(i).time().atZone(zone).toLocalDate().isBefore(person.leftOn())) {
            visit.personLeft = true;
        }
        visits[i] = visit;
        outcomes[i] = outcome;
    }

    /** The logs to insert, in the order their events came: entries, and exits without one. */
    List<Visit> created() {
        return created;
    }

    /** The logs stored before the batch that its exits closed: to update. */
    Collection<Visit> closed() {
        return closed;
    }

    /** The events that opened or closed a log, in order: to store. */
    List<Accepted> accepted() {
        List<Accepted> accepted = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            if (visits[i] != null) {
                accepted.add(new Accepted(events.get(i), visits[i], outcomes[i]));
            }
        }
        return accepted;
    }

    /** Each event's decision, in order; once the created logs have their ids. */
    List<Decision> decisions() {
        Decision[] decisions = answered.clone();
        for (int i = 0; i < events.size(); i++) {
            if (visits[i] != null) {
                decisions[i] =
                        Decision.recorded(new EventResult(events.get(i).eventId(), visits[i].id, outcomes[i]), false);
            }
        }
        repeatsOf.forEach((i, first) -> decisions[i] = decisions[first].refused() != null
                ? decisions[first]
                : Decision.recorded(decisions[first].result(), true));
        return List.of(decisions);
    }

    private static boolean sameEvent(GateEvent event, String cnic, String direction, Instant time) {
        return cnic.equals(event.cnic().value())
                && direction.equals(event.direction().name())
                && time.equals(event.time().truncatedTo(ChronoUnit.MILLIS));
    }

    private static boolean sameEvent(GateEvent a, GateEvent b) {
        return sameEvent(a, b.cnic().value(), b.direction().name(), b.time().truncatedTo(ChronoUnit.MILLIS));
    }
}
