package io.gatesync.worker.biotime;

import java.util.List;
import java.util.Optional;

/** How punches reach BioTime (ZKTECO_PUNCH_CHANNEL); one implementation per channel. */
public interface PunchChannel {

    /** Sends the punch; returns BioTime's transaction id for it. */
    long push(Punch punch);

    /** Sends the punches; returns their transaction ids in the same order. One request each, unless overridden. */
    default List<Long> pushAll(List<Punch> punches) {
        return punches.stream().map(this::push).toList();
    }

    /**
     * How many entry syncs a consumer takes at once: one where every punch is a request of its own (a batch would
     * only queue them behind each other), many where one request carries many punches.
     */
    default int batchSize() {
        return 1;
    }

    /** The id of this punch if BioTime already has it: asked before re-sending one that may have arrived. */
    Optional<Long> find(Punch punch);

    /** {@link #find} for many punches, in the same order. One request each, unless overridden. */
    default List<Optional<Long>> findAll(List<Punch> punches) {
        return punches.stream().map(this::find).toList();
    }
}
