package io.gatesync.worker.entrylog;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The second each of a person's punches goes to BioTime in, which keeps one punch per person and second (its unique
 * key is emp_code and punch_time). In the order the gate saw them (time, then entry log, then entry before exit) each
 * punch takes its own second, or the first second after the punches before it: an exit in the same second as its
 * entry goes a second later, and so does a return through another gate in the second its exit took. The seconds
 * depend only on the person's punches, so workers pushing different entry logs of one person at once agree on them.
 * A punch already in BioTime, or whose push started, keeps the second it was sent in.
 */
final class PunchSeconds {

    /**
     * One punch of the person.
     *
     * @param fixedShift the shift it was sent with, or null when it has not been sent yet
     */
    record Event(long logId, Direction direction, Instant time, Integer fixedShift) {

        long floorSecond() {
            return time.truncatedTo(ChronoUnit.SECONDS).getEpochSecond();
        }
    }

    private static final Comparator<Event> ORDER =
            Comparator.comparing(Event::time).thenComparingLong(Event::logId).thenComparing(Event::direction);

    private PunchSeconds() {}

    /** The shift (seconds after its own) of every punch of one person not sent yet. */
    static Map<LogPunch, Integer> plan(List<Event> personsPunches) {
        Map<LogPunch, Integer> shifts = new HashMap<>();
        long latest = Long.MIN_VALUE;
        for (Event e : personsPunches.stream().sorted(ORDER).toList()) {
            long second;
            if (e.fixedShift() != null) {
                second = e.floorSecond() + e.fixedShift();
            } else {
                second = Math.max(e.floorSecond(), latest == Long.MIN_VALUE ? e.floorSecond() : latest + 1);
                shifts.put(new LogPunch(e.logId(), e.direction()), (int) (second - e.floorSecond()));
            }
            latest = Math.max(latest, second);
        }
        return shifts;
    }
}
