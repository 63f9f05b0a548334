package io.gatesync.worker.attendance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.gatesync.common.person.Cnic;
import io.gatesync.common.pull.ParkReason;
import io.gatesync.worker.attendance.ParkingList.Parked;
import io.gatesync.worker.attendance.PunchPolicy.Rule;
import io.gatesync.worker.biotime.BioTimeClock;
import io.gatesync.worker.biotime.Transaction;

/**
 * Sorts a page of pulled punches before anything is stored: GateSync's own coming back (its terminal serial number,
 * ZKTECO_TERMINAL_SN) are counted and dropped, and each other punch is either ready to import ({@link KnownPunch})
 * or parked with its {@link ParkReason} and the fix in words. Pure: the people are looked up through {@link People}.
 */
final class PunchTriage {

    /** The people registered under some CNICs. */
    @FunctionalInterface
    interface People {

        /** Their ids by CNIC; those who have left (status LEFT) are added to {@code left} too. */
        Map<String, Long> ids(List<String> cnics, Set<String> left);
    }

    /** A page sorted: punches ready to import, those to park, and GateSync's own coming back. */
    record Page(int seen, int own, List<KnownPunch> known, List<Parked> parked) {}

    private record Readable(Transaction source, Rule rule, Instant time, String cnic) {}

    private final String ownTerminalSn;
    private final PunchPolicy policy;
    private final BioTimeClock clock;

    PunchTriage(String ownTerminalSn, PunchPolicy policy, BioTimeClock clock) {
        this.ownTerminalSn = ownTerminalSn;
        this.policy = policy;
        this.clock = clock;
    }

    /** Sorts the page (a punch listed twice counts once): one look-up of its people, whatever its size. */
    Page sort(List<Transaction> punches, People people) {
        Map<Long, Transaction> unique = new LinkedHashMap<>();
        punches.forEach(t -> unique.putIfAbsent(t.id(), t));
        List<Parked> parked = new ArrayList<>();
        List<Readable> readable = new ArrayList<>();
        int own = 0;
        for (Transaction t : unique.values()) {
            if (ownTerminalSn.equals(t.terminalSn())) {
                own++; // a gate event GateSync pushed, coming back
                continue;
            }
            PunchPolicy.Ruling ruling = policy.rule(t.state(), t.punchState(), t.terminalSn());
            String cnic = Cnic.isValid(t.empCode()) ? Cnic.parse(t.empCode()).value() : null;
            if (ruling.parked() != null) {
                parked.add(new Parked(t, cnic, ruling.parked(), ruling.why()));
                continue;
            }
            Instant time;
            try {
                time = clock.parse(t.punchTime());
            } catch (RuntimeException e) {
                parked.add(new Parked(
                        t,
                        cnic,
                        ParkReason.UNREADABLE_TIME,
                        "punch_time \"" + t.punchTime() + "\" is in no layout GateSync reads"));
                continue;
            }
            if (cnic == null) {
                parked.add(new Parked(
                        t,
                        null,
                        ParkReason.NOT_A_CNIC,
                        "emp_code \"" + t.empCode()
                                + "\" is not a CNIC, so no person can be found for it: give the employee their CNIC as "
                                + "emp_code in BioTime"));
                continue;
            }
            readable.add(new Readable(t, ruling.rule(), time, cnic));
        }
        Set<String> left = new HashSet<>();
        Map<String, Long> ids =
                people.ids(readable.stream().map(Readable::cnic).distinct().toList(), left);
        List<KnownPunch> known = new ArrayList<>();
        for (Readable r : readable) {
            Long personId = ids.get(r.cnic());
            if (personId == null) {
                parked.add(new Parked(
                        r.source(),
                        r.cnic(),
                        ParkReason.UNKNOWN_PERSON,
                        "no person with CNIC " + r.cnic()
                                + ": register them; the punch is imported within 10 minutes"));
            } else if (left.contains(r.cnic())) {
                parked.add(new Parked(
                        r.source(),
                        r.cnic(),
                        ParkReason.PERSON_LEFT,
                        "the person with CNIC "
                                + r.cnic() + " has left (status LEFT): if they are back, PUT /api/people/" + r.cnic()
                                + " with status ACTIVE; the punch is imported within 10 minutes"));
            } else {
                known.add(new KnownPunch(
                        r.source().id(),
                        r.rule(),
                        r.time(),
                        personId,
                        r.cnic(),
                        r.source().terminalSn()));
            }
        }
        return new Page(unique.size(), own, known, parked);
    }
}
