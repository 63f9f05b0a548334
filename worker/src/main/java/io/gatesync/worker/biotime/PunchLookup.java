package io.gatesync.worker.biotime;

import java.util.Optional;

/** Finds a punch BioTime already has, by emp_code, wall-clock time and state: the check before any re-send. */
public class PunchLookup {

    private final BioTimeClient client;
    private final BioTimeClock clock;

    public PunchLookup(BioTimeClient client, BioTimeClock clock) {
        this.client = client;
        this.clock = clock;
    }

    public Optional<Long> find(Punch punch) {
        String time = clock.format(punch.time());
        String state = Integer.toString(punch.state());
        return client.findTransactions(punch.empCode(), time, time).stream()
                .filter(t -> time.equals(t.punchTime()) && state.equals(t.punchState()))
                .map(Transaction::id)
                .findFirst();
    }
}
