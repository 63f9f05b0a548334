package io.gatesync.worker.attendance;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.gatesync.common.entrylog.EntryFlag;
import io.gatesync.common.entrylog.EntrySource;
import io.gatesync.worker.biotime.Punch;

/**
 * One person's entry logs around the punches being imported, as a line of check-ins and check-outs in BioTime's
 * order (punch time, then transaction id). The rule that pairs them: <b>a check-out closes the check-in directly
 * before it</b> on the person's line; otherwise it is kept as an exit without entry. A check-in followed by another
 * check-in stays open.
 * <p>
 * The pairing depends only on the set of punches, never on the order they arrive in: chunks are imported in
 * parallel, so a check-out is often imported before its check-in. Inserting a punch changes at most its two
 * neighbours' pairing, which {@link #apply} repairs in place:
 * <ul>
 * <li>a check-in that lands before a check-out takes that check-out (an exit-without-entry row becomes a whole
 * visit; a check-out that had closed an earlier check-in moves to the new one, which reopens the earlier one);</li>
 * <li>a check-out that lands after a check-in closes it (if that check-in was closed by a later check-out, the later
 * one becomes an exit without entry).</li>
 * </ul>
 * Exits recorded at a gate are never moved ({@link Event#pinned}): the gate decided them as they happened and
 * BioTime has them as pushed.
 */
final class Timeline {

    enum Kind {
        IN,
        OUT
    }

    /** Where an event sits: time, then BioTime id; events without an id yet (unpushed gate punches) last. */
    record Key(Instant time, long order, long tieBreak) implements Comparable<Key> {

        private static final Comparator<Key> ORDER =
                Comparator.comparing(Key::time).thenComparingLong(Key::order).thenComparingLong(Key::tieBreak);

        static Key of(Instant time, Long transactionId, long tieBreak) {
            return new Key(time, transactionId == null ? Long.MAX_VALUE : transactionId, tieBreak);
        }

        @Override
        public int compareTo(Key other) {
            return ORDER.compare(this, other);
        }
    }

    static final class Event {
        final Kind kind;
        final Instant time;
        final Long transactionId;
        final Key key;
        /** An exit the gate recorded: it stays on the entry the gate closed. */
        final boolean pinned;
        /** GateSync is pushing this gate punch: BioTime may have it, but its id is not recorded yet. */
        final boolean pushInFlight;
        /** Seconds GateSync sends it later than {@code time} (one punch per person and second in BioTime). */
        final int shift;
        /**
         * The terminal of a pulled fixed-direction punch, kept on the entry log instead of in {@code pulled_punches}
         * (bounce suppression compares with it); null otherwise.
         */
        final String terminalSn;

        boolean claimed;
        Row row;

        Event(
                Kind kind,
                Instant time,
                Long transactionId,
                long tieBreak,
                boolean pinned,
                boolean pushInFlight,
                int shift,
                String terminalSn) {
            this.kind = kind;
            this.time = time;
            this.transactionId = transactionId;
            this.key = Key.of(time, transactionId, tieBreak);
            this.pinned = pinned;
            this.pushInFlight = pushInFlight;
            this.shift = shift;
            this.terminalSn = terminalSn;
        }

        /** The second BioTime has it in, as GateSync sends it. */
        Instant sentSecond() {
            return time.truncatedTo(ChronoUnit.SECONDS).plusSeconds(shift);
        }
    }

    /** An entry log: one in the database ({@code id} set) or one to insert. */
    static final class Row {
        final Long id;
        final boolean bioTime;
        /** What the database holds, for the update's guard. */
        final Long storedTransactionId;

        final Long storedExitTransactionId;
        final Instant storedExitTime;
        Event entry;
        Event exit;
        boolean changed;

        Row(Long id, boolean bioTime, Long storedTransactionId, Long storedExitTransactionId, Instant storedExitTime) {
            this.id = id;
            this.bioTime = bioTime;
            this.storedTransactionId = storedTransactionId;
            this.storedExitTransactionId = storedExitTransactionId;
            this.storedExitTime = storedExitTime;
        }

        void entry(Event event) {
            entry = event;
            if (event != null) {
                event.row = this;
            }
            changed = true;
        }

        void exit(Event event) {
            exit = event;
            if (event != null) {
                event.row = this;
            }
            changed = true;
        }

        String flag() {
            return entry == null ? EntryFlag.EXIT_WITHOUT_ENTRY.name() : null;
        }

        /** A pulled row left with neither entry nor exit: deleted (stored) or never written (new). */
        boolean empty() {
            return entry == null && exit == null;
        }
    }

    /** An entry log as read from the database. */
    record StoredRow(
            long id,
            String source,
            Instant entryTime,
            Instant exitTime,
            Long transactionId,
            Long exitTransactionId,
            Instant entryPushStartedAt,
            Instant exitPushStartedAt,
            int entryShift,
            int exitShift,
            String entryTerminalSn,
            String exitTerminalSn) {}

    final long personId;
    final String cnic;
    private final TreeMap<Key, Event> events = new TreeMap<>();
    private final Map<Long, Event> byTransaction = new HashMap<>();
    private final Map<Long, Row> stored = new HashMap<>();
    private final List<Row> created = new ArrayList<>();

    Timeline(long personId, String cnic) {
        this.personId = personId;
        this.cnic = cnic;
    }

    /** Adds a stored entry log (again is harmless). */
    void load(StoredRow r) {
        if (stored.containsKey(r.id())) {
            return;
        }
        boolean bioTime = EntrySource.BIOTIME.name().equals(r.source());
        Row row = new Row(r.id(), bioTime, r.transactionId(), r.exitTransactionId(), r.exitTime());
        stored.put(r.id(), row);
        if (r.entryTime() != null) {
            Event in = new Event(
                    Kind.IN,
                    r.entryTime(),
                    r.transactionId(),
                    r.id() * 2,
                    false,
                    r.transactionId() == null && r.entryPushStartedAt() != null,
                    r.entryShift(),
                    r.entryTerminalSn());
            in.row = row;
            row.entry = in;
            put(in);
        }
        if (r.exitTime() != null) {
            // An exit is the pull's own when it came from BioTime without GateSync pushing it.
            boolean pulled = bioTime || r.exitTransactionId() != null && r.exitPushStartedAt() == null;
            Event out = new Event(
                    Kind.OUT,
                    r.exitTime(),
                    r.exitTransactionId(),
                    r.id() * 2 + 1,
                    !pulled,
                    r.exitTransactionId() == null && r.exitPushStartedAt() != null,
                    r.exitShift(),
                    r.exitTerminalSn());
            out.row = row;
            row.exit = out;
            put(out);
        }
    }

    /**
     * Whether a punch of this kind in the second {@code time} is a gate punch GateSync is pushing right now, or sent
     * as a manual log (its transaction id not recorded): then it is GateSync's own and must not become a second entry
     * log. Matched on the second GateSync sends it in (a punch moved a few seconds for BioTime's one-per-second rule
     * too). Each gate punch answers for one pulled punch only.
     */
    boolean claimPushInFlight(Kind kind, Instant time) {
        Instant second = time.truncatedTo(ChronoUnit.SECONDS);
        for (Event e : events.subMap(
                        new Key(second.minusSeconds(Punch.MAX_SHIFT_SECONDS), Long.MIN_VALUE, Long.MIN_VALUE),
                        true,
                        new Key(second.plusSeconds(1), Long.MIN_VALUE, Long.MIN_VALUE),
                        false)
                .values()) {
            if (e.kind == kind && e.pushInFlight && !e.claimed && e.sentSecond().equals(second)) {
                e.claimed = true;
                return true;
            }
        }
        return false;
    }

    /**
     * Puts a new punch on the line and repairs its neighbours' pairing (see the class comment); {@code terminalSn}
     * is the terminal of a fixed-direction punch that the entry log keeps (else null).
     */
    void apply(Kind kind, Instant time, long transactionId, String terminalSn) {
        Event x = new Event(kind, time, transactionId, 0, false, false, 0, terminalSn);
        Event before = value(events.lowerEntry(x.key));
        Event after = value(events.higherEntry(x.key));
        if (kind == Kind.IN) {
            if (after != null && after.kind == Kind.OUT && !after.pinned) {
                Row holder = after.row;
                if (holder.entry == null) {
                    holder.entry(x); // the exit without entry becomes a whole visit
                } else {
                    holder.exit(null); // the check-out belongs to the later check-in
                    Row row = newRow();
                    row.entry(x);
                    row.exit(after);
                }
            } else {
                newRow().entry(x);
            }
        } else if (before != null && before.kind == Kind.IN) {
            Row holder = before.row;
            Event closedBy = holder.exit;
            if (closedBy == null) {
                holder.exit(x);
            } else if (!closedBy.pinned) {
                holder.exit(x);
                newRow().exit(closedBy); // the later check-out now follows a check-out
            } else {
                newRow().exit(x);
            }
        } else {
            newRow().exit(x);
        }
        put(x);
    }

    /**
     * Takes a pulled punch off the line (the state policy decided it again: a late upload landed before it) and
     * repairs its neighbours' pairing as if it had never been there: an exit it held goes to the check-in now directly
     * before that exit, if open; a check-out it was closing with is taken by the exit-without-entry directly after
     * it. Returns false when the line does not hold it.
     */
    boolean remove(long transactionId) {
        Event x = byTransaction.remove(transactionId);
        if (x == null || x.pinned) {
            return false;
        }
        events.remove(x.key);
        Row row = x.row;
        if (x.kind == Kind.IN) {
            row.entry(null);
            Event out = row.exit;
            if (out != null && !out.pinned) {
                Event before = value(events.lowerEntry(out.key));
                if (before != null && before.kind == Kind.IN && before.row.exit == null) {
                    row.exit(null);
                    before.row.exit(out);
                }
            }
        } else {
            row.exit(null);
            Event after = value(events.higherEntry(x.key));
            if (row.entry != null
                    && after != null
                    && after.kind == Kind.OUT
                    && !after.pinned
                    && after.row.entry == null) {
                after.row.exit(null);
                row.exit(after);
            }
        }
        return true;
    }

    /**
     * The pulled entries and exits its entry logs keep alone, with their terminals, from {@code from} to {@code to}
     * (both included): what bounce suppression compares a new punch with, besides {@code pulled_punches}.
     */
    List<Event> keptBetween(Instant from, Instant to) {
        return events
                .subMap(
                        new Key(from, Long.MIN_VALUE, Long.MIN_VALUE),
                        true,
                        new Key(to, Long.MAX_VALUE, Long.MAX_VALUE),
                        true)
                .values()
                .stream()
                .filter(e -> e.terminalSn != null && e.transactionId != null)
                .toList();
    }

    /** Stored entry logs that changed and still hold a punch. */
    List<Row> changed() {
        return stored.values().stream()
                .filter(r -> r.changed && !(r.bioTime && r.empty()))
                .toList();
    }

    /** Stored pulled entry logs left without a punch: to delete. */
    List<Row> emptied() {
        return stored.values().stream()
                .filter(r -> r.changed && r.bioTime && r.empty())
                .toList();
    }

    /** Entry logs to insert. */
    List<Row> created() {
        return created.stream().filter(r -> !r.empty()).toList();
    }

    private void put(Event event) {
        events.put(event.key, event);
        if (event.transactionId != null) {
            byTransaction.put(event.transactionId, event);
        }
    }

    private Row newRow() {
        Row row = new Row(null, true, null, null, null);
        created.add(row);
        return row;
    }

    private static Event value(Map.Entry<Key, Event> entry) {
        return entry == null ? null : entry.getValue();
    }
}
