package io.gatesync.api.event;

import java.time.Instant;

import io.gatesync.common.person.Cnic;

/**
 * An entry log as the pairing sees it: one a batch reads (open, to be closed by an exit) or one it creates (opened by
 * an entry, or an exit-only log). {@link EventPairing} decides on it and {@link EventStore} writes it.
 */
final class Visit {

    Long id; // null until inserted
    final long personId;
    final Cnic cnic;
    final Instant entryTime; // null for an exit-only log
    final String entryGate;
    Instant exitTime;
    String exitGate;
    final String openedBy; // the creating event's id, or null for a log that existed before the batch
    final long order; // newer logs sort after older ones with the same entry time
    boolean personLeft; // touched by an event of a person who had left: kept, never sent

    Visit(Long id, long personId, Cnic cnic, Instant entryTime, String entryGate, String openedBy, long order) {
        this.id = id;
        this.personId = personId;
        this.cnic = cnic;
        this.entryTime = entryTime;
        this.entryGate = entryGate;
        this.openedBy = openedBy;
        this.order = order;
    }

    /** An open log stored before the batch: it sorts by its id. */
    static Visit stored(long id, long personId, Cnic cnic, Instant entryTime, String entryGate) {
        return new Visit(id, personId, cnic, entryTime, entryGate, null, id);
    }

    /** Whether the log existed before the batch (so closing it is an update, not part of an insert). */
    boolean wasStored() {
        return openedBy == null;
    }

    /** An exit with no entry to close: kept as a log of its own, flagged EXIT_WITHOUT_ENTRY. */
    boolean exitOnly() {
        return entryTime == null;
    }

    void exit(Instant time, String gate) {
        exitTime = time;
        exitGate = gate;
    }
}
