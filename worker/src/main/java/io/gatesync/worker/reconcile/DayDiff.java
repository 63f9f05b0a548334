package io.gatesync.worker.reconcile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.gatesync.common.person.Cnic;
import io.gatesync.worker.biotime.Transaction;
import io.gatesync.worker.entrylog.DayPunches.Held;

/**
 * How one day's punches differ, GateSync's against BioTime's; pure, so every rule is unit-tested. A punch is the same
 * on both sides by BioTime's transaction id, or else by BioTime's unique key (emp_code and second): a punch BioTime
 * holds again under another id, or one GateSync is still pushing, is matched, not healed.
 *
 * @param gatesync   punches the entry logs hold as in BioTime: gate punches sent, punches taken from BioTime
 * @param biotime    punches BioTime holds
 * @param matched    BioTime's punches GateSync holds (in an entry log, being pushed, or taken by the pull, whatever
 *                   it made of them)
 * @param push       gate punches GateSync sent that BioTime no longer has: to be sent again
 * @param imports    BioTime punches GateSync never took: to be imported, or parked, as the pull would
 * @param unresolved differences that cannot be healed, each with why
 */
record DayDiff(
        int gatesync,
        int biotime,
        int matched,
        List<Held> push,
        List<Transaction> imports,
        List<Unresolved> unresolved) {

    /** What is about (an entry log's punch, a BioTime transaction id), and why it is left as it is. */
    record Unresolved(String ref, String reason) {}

    /**
     * BioTime's punches of the day as they are read, page by page: those GateSync knows by id (an entry log's or the
     * pull's) are only counted, so a day of 100,000 punches that mostly match keeps little in memory.
     */
    static final class Reading {

        private final Set<Long> known;
        private final Set<Long> present = new HashSet<>();
        private final List<Transaction> unknown = new ArrayList<>();

        /** @param known the ids GateSync holds for the day: its entry logs' and the pull's */
        Reading(Set<Long> known) {
            this.known = known;
        }

        void add(List<Transaction> page) {
            for (Transaction t : page) {
                if (known.contains(t.id())) {
                    present.add(t.id());
                } else {
                    unknown.add(t);
                }
            }
        }
    }

    /** The difference, all of BioTime's punches of the day in hand (as tests give them). */
    static DayDiff of(
            List<Transaction> biotime,
            List<Held> held,
            Set<Long> pulled,
            String ownSn,
            Function<String, Instant> parse) {
        Reading reading = new Reading(known(held, pulled));
        reading.add(biotime);
        return of(reading, held, pulled, ownSn, parse);
    }

    /** The ids GateSync holds for the day: its entry logs' transactions and what the pull took. */
    static Set<Long> known(List<Held> held, Set<Long> pulled) {
        Set<Long> known = new HashSet<>(pulled);
        held.stream()
                .map(Held::transactionId)
                .filter(java.util.Objects::nonNull)
                .forEach(known::add);
        return known;
    }

    /**
     * @param reading    BioTime's punches of the day
     * @param held       the entry logs' punches of the day ({@code DayPunches.of})
     * @param pulled     ids of the day's punches the pull took ({@code pulled_punches}), whatever it made of them
     * @param ownSn      GateSync's own terminal serial number
     * @param parse      BioTime's punch time as an instant (throws on a time it cannot read)
     */
    static DayDiff of(
            Reading reading, List<Held> held, Set<Long> pulled, String ownSn, Function<String, Instant> parse) {
        Map<String, Transaction> byKey = new HashMap<>();
        for (Transaction t : reading.unknown) {
            String key = key(t, parse);
            if (key != null) {
                byKey.putIfAbsent(key, t);
            }
        }
        Set<Long> matchedByKey = new HashSet<>();
        List<Held> push = new ArrayList<>();
        List<Unresolved> unresolved = new ArrayList<>();
        int gatesync = 0;
        for (Held punch : held) {
            if (punch.transactionId() == null && punch.manualLogId() != null) {
                continue; // a manual log lives in BioTime's manual logs, not among its transactions
            }
            if (punch.recorded()) {
                gatesync++;
            }
            if (punch.transactionId() != null && reading.present.contains(punch.transactionId())) {
                continue;
            }
            Transaction same = byKey.get(punch.cnic() + "@" + punch.sentAs().getEpochSecond());
            if (same != null) {
                matchedByKey.add(same.id());
            } else if (!punch.recorded()) {
                continue; // not in BioTime yet by GateSync's own record: the entry sync is sending it
            } else if (punch.gate()) {
                push.add(punch);
            } else {
                unresolved.add(new Unresolved(
                        punch.ref(),
                        "taken from BioTime as transaction "
                                + punch.transactionId()
                                + ", which BioTime no longer holds (deleted there after GateSync "
                                + "imported it); the entry log keeps it"));
            }
        }
        List<Transaction> imports = new ArrayList<>();
        for (Transaction t : reading.unknown) {
            if (matchedByKey.contains(t.id())) {
                continue;
            }
            if (ownSn.equals(t.terminalSn())) {
                unresolved.add(new Unresolved(
                        Long.toString(t.id()),
                        "sent by GateSync (terminal " + ownSn + ") for "
                                + t.empCode() + " at " + t.punchTime()
                                + ", but no entry log holds it: GateSync's database "
                                + "may have been restored to before it was sent"));
            } else {
                imports.add(t);
            }
        }
        imports.sort((a, b) -> Long.compare(a.id(), b.id()));
        int biotime = reading.present.size() + reading.unknown.size();
        return new DayDiff(gatesync, biotime, reading.present.size() + matchedByKey.size(), push, imports, unresolved);
    }

    /** BioTime's unique key of a punch: the employee's CNIC and the second; null if either is unreadable. */
    private static String key(Transaction t, Function<String, Instant> parse) {
        if (!Cnic.isValid(t.empCode())) {
            return null;
        }
        try {
            return Cnic.parse(t.empCode()).value() + "@"
                    + parse.apply(t.punchTime()).getEpochSecond();
        } catch (RuntimeException unreadable) {
            return null;
        }
    }
}
