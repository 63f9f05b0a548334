package io.gatesync.worker.attendance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The pairing rule in its plainest form, to check imports against: each person's punches in BioTime's order
 * (punch time, then id), one at a time; a check-in opens a visit, a check-out closes the visit of the check-in right
 * before it, or else is a visit without entry.
 */
public final class AttendanceModel {

    private AttendanceModel() {}

    /** A check-in ({@code in}) or check-out of a person. */
    public record Punch(String cnic, Instant time, long id, boolean in) {}

    /** An entry log's times and BioTime ids; nulls where it has no entry or no exit. */
    public record Visit(Instant entry, Instant exit, Long entryId, Long exitId) {

        Instant first() {
            return entry != null ? entry : exit;
        }

        long firstId() {
            return entryId != null ? entryId : exitId;
        }
    }

    private static final Comparator<Visit> ORDER =
            Comparator.comparing(Visit::first).thenComparingLong(Visit::firstId);

    /** Each person's visits, in order. */
    public static Map<String, List<Visit>> visits(Collection<Punch> punches) {
        Map<String, List<Punch>> byPerson =
                punches.stream().collect(Collectors.groupingBy(Punch::cnic, TreeMap::new, Collectors.toList()));
        Map<String, List<Visit>> result = new TreeMap<>();
        byPerson.forEach((cnic, list) -> {
            list.sort(Comparator.comparing(Punch::time).thenComparingLong(Punch::id));
            List<Visit> visits = new ArrayList<>();
            Punch previous = null;
            for (Punch p : list) {
                if (p.in()) {
                    visits.add(new Visit(p.time(), null, p.id(), null));
                } else if (previous != null && previous.in()) {
                    Visit open = visits.remove(visits.size() - 1);
                    visits.add(new Visit(open.entry(), p.time(), open.entryId(), p.id()));
                } else {
                    visits.add(new Visit(null, p.time(), null, p.id()));
                }
                previous = p;
            }
            result.put(cnic, ordered(visits));
        });
        return result;
    }

    /** Visits in the order {@link #visits} gives them. */
    public static List<Visit> ordered(Collection<Visit> visits) {
        return visits.stream().sorted(ORDER).toList();
    }
}
