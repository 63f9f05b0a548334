package io.gatesync.worker.biotime;

import java.time.Instant;
import java.util.Optional;

/**
 * Finds what BioTime holds for a punch's person and second, whatever its state: the check before any re-send, and the
 * answer to a refused duplicate. It asks for the seconds around the punch and compares parsed times, so neither a
 * server whose {@code end_time} is exclusive nor one that writes times with a "T" or fractions makes it miss.
 */
public class PunchLookup {

    private final BioTimeClient client;
    private final BioTimeClock clock;
    private final String ourTerminalSn;

    public PunchLookup(BioTimeClient client, BioTimeClock clock, String ourTerminalSn) {
        this.client = client;
        this.clock = clock;
        this.ourTerminalSn = ourTerminalSn;
    }

    public Optional<HeldPunch> find(Punch punch) {
        Instant second = second(punch.time());
        return client
                .findTransactions(
                        punch.empCode(), clock.format(second.minusSeconds(1)), clock.format(second.plusSeconds(1)))
                .stream()
                .filter(t -> punch.empCode().equals(t.empCode()) && readsAs(t.punchTime(), second))
                .findFirst()
                .map(t -> new HeldPunch(
                        t.id(),
                        t.state(),
                        ourTerminalSn.equals(t.terminalSn()),
                        t.linked().orElse(null)));
    }

    /** The second BioTime keeps of an instant. */
    public static Instant second(Instant time) {
        return time.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }

    /** Whether BioTime's time text is this second (unreadable text is not). */
    private boolean readsAs(String text, Instant second) {
        return clock.format(second).equals(clock.wallClock(text));
    }
}
