package io.gatesync.worker.attendance;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.IntConsumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import io.gatesync.worker.biotime.ArrivalReader;
import io.gatesync.worker.biotime.BioTimeException;
import io.gatesync.worker.biotime.Transaction;
import io.gatesync.worker.command.RecordLocks;

/**
 * The periodic pull's read: every punch BioTime got since the last read, whatever its punch time, so a terminal that
 * uploads late is never missed ({@link ArrivalReader}). It reads down to {@link #RECENT_SPAN} ids below the highest
 * id read last time (a slow BioTime transaction can make a lower id visible after a higher one; the importer drops
 * what it has), and moves {@link PullCursor} only after the punches are stored. The first read only notes where
 * BioTime stands (the first periodic run's window pull covers the time before). A server that keeps no order is read
 * by the chunk's punch-time window instead, as before.
 * <p>
 * Before reading, the id read highest last time is asked for: gone with the highest id now lower, or holding another
 * punch, means BioTime was restored from a backup and reuses ids GateSync has already seen: importing then would take
 * new punches for old ones, so nothing is imported, and the cursor says why, until an operator re-reads.
 * <p>
 * One read at a time in the cluster ({@link #LOCK}, a named lock that a worker's death frees at once): a periodic
 * run that starts while an earlier one still reads would read and import the same punches side by side. It waits
 * instead, then reads from where the earlier one left the cursor: only what arrived meanwhile.
 */
@Service
public class ArrivalImport {

    /** How far below the highest id read last time a read reaches (pybiotime's span). */
    static final long RECENT_SPAN = 2000;

    private static final Logger log = LoggerFactory.getLogger(ArrivalImport.class);

    static final String LOCK = "gatesync-arrival-read";
    /** Past this a read runs beside the one holding the lock (stuck, as reads take minutes): twice costs only work. */
    static final Duration LOCK_WAIT = Duration.ofMinutes(10);

    private final PunchReading reading;
    private final ParkedRetry parking;
    private final RecordLocks locks;

    ArrivalImport(PunchReading reading, ParkedRetry parking, RecordLocks locks) {
        this.reading = reading;
        this.parking = parking;
        this.locks = locks;
    }

    /** What a read did, for the chunk and the sync log. */
    record Outcome(ImportCounts counts, String what) {}

    /**
     * Imports what arrived; {@code from}/{@code to} is the punch-time window read if the server keeps no order.
     * {@code counted} gets each batch's imported punches inside its transaction (the chunk's progress).
     */
    Outcome importArrivals(Instant from, Instant to, IntConsumer counted) {
        return locks.whenFree(LOCK, LOCK_WAIT, () -> importArrivalsAlone(from, to, counted));
    }

    private Outcome importArrivalsAlone(Instant from, Instant to, IntConsumer counted) {
        Optional<PullCursor.State> state = reading.cursor().load();
        if (state.isPresent() && state.get().restoreSuspected() != null) {
            return new Outcome(
                    ImportCounts.NONE, "nothing imported: " + state.get().restoreSuspected());
        }
        String restored =
                state.filter(s -> s.maxId() > 0).map(this::restoreSeen).orElse(null);
        if (restored != null) {
            log.error("Attendance pull stopped: {}", restored);
            reading.cursor().restoreSuspected(restored);
            return new Outcome(ImportCounts.NONE, "nothing imported: " + restored);
        }
        ImportCounts retried = parking.retry(counted);
        Outcome read = importNew(state, from, to, counted);
        return retried.seen() == 0
                ? read
                : new Outcome(
                        read.counts().plus(retried), read.what() + "; parked punches retried: " + retried.describe());
    }

    private Outcome importNew(Optional<PullCursor.State> state, Instant from, Instant to, IntConsumer counted) {
        long floor = state.map(s -> s.maxId() - RECENT_SPAN).orElse(Long.MAX_VALUE);
        AttendanceImporter.Imported<ArrivalReader.Result> imported = reading.importer()
                .importRead(counted, pages -> reading.arrivals().read(floor, pages));
        ArrivalReader.Result read = imported.read();
        ImportCounts[] counts = {imported.counts()}; // all stored: only now may the cursor move
        switch (read.order()) {
            case EMPTY -> {
                if (state.isEmpty()) {
                    reading.cursor()
                            .advance(0, null, null, read.order().name()); // every punch from now on is an arrival
                }
                return new Outcome(counts[0], "BioTime has no punches yet");
            }
            case NONE -> {
                // the server ignores the sort: the punch-time window of this run, as the pull always read
                String start = reading.clock().format(from);
                String end = reading.clock().format(to.minusSeconds(1));
                counts[0] = counts[0].plus(reading.importer()
                        .importRead(counted, pages -> reading.windows().read(start, end, pages))
                        .counts());
                reading.cursor().readWithoutOrder();
                return new Outcome(
                        counts[0],
                        "BioTime keeps no order to read arrivals by: read punch times " + start + " – " + end
                                + " instead: " + counts[0].describe());
            }
            default -> {
                Transaction newest = read.newest();
                reading.cursor()
                        .advance(
                                newest.id(),
                                newest.empCode(),
                                newest.punchTime(),
                                read.order().name());
                return new Outcome(
                        counts[0],
                        state.isEmpty()
                                ? "arrivals start after id " + newest.id()
                                : "arrivals above id " + floor + " (" + read.order() + "): " + counts[0].describe());
            }
        }
    }

    /**
     * Why BioTime looks restored, or null: the id read highest last time now holds another punch, or is gone while
     * the highest id BioTime shows is lower.
     */
    private String restoreSeen(PullCursor.State last) {
        try {
            Transaction now = reading.client().transaction(last.maxId());
            if (Objects.equals(now.empCode(), last.empCode()) && sameTime(now.punchTime(), last.punchTime())) {
                return null;
            }
            return "BioTime transaction " + last.maxId() + " held " + last.empCode() + " at " + last.punchTime()
                    + " and now holds " + now.empCode() + " at " + now.punchTime()
                    + ": BioTime looks restored from a backup, and reuses ids";
        } catch (BioTimeException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
        Transaction newest = reading.arrivals().highest().orElse(null);
        if (newest == null || newest.id() < last.maxId()) {
            return "BioTime transaction " + last.maxId() + " is gone and the highest id is now "
                    + (newest == null ? "none" : newest.id()) + ": BioTime looks restored from a backup";
        }
        return null; // one row deleted (by an admin): the ids go on
    }

    private boolean sameTime(String a, String b) {
        try {
            return reading.clock().parse(a).equals(reading.clock().parse(b));
        } catch (RuntimeException unreadable) {
            return Objects.equals(a, b);
        }
    }
}
