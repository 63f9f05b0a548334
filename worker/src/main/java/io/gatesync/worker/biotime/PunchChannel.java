package io.gatesync.worker.biotime;

import java.util.List;
import java.util.Optional;

/**
 * How punches reach BioTime (ZKTECO_PUNCH_CHANNEL); one implementation per channel. Every channel keeps BioTime's
 * rule of one punch per person and second: a refused duplicate comes back as {@link PushResult.SecondTaken} with
 * what BioTime holds there, and the caller decides (adopt it, move a punch of GateSync's own, or report a conflict).
 */
public interface PunchChannel {

    /** Sends one punch. */
    PushResult push(Punch punch);

    /**
     * Sends the punches; one result each, in the same order. A failure of one does not fail the others. One request
     * each, unless overridden.
     */
    default List<PushResult> pushAll(List<Punch> punches) {
        return punches.stream().map(this::push).toList();
    }

    /**
     * How many entry syncs a consumer takes at once: one where every punch is a request of its own (a batch would
     * only queue them behind each other), many where one request carries many punches.
     */
    default int batchSize() {
        return 1;
    }

    /**
     * What BioTime holds for each punch's person and second, whatever its state, in the same order: asked before
     * re-sending a punch whose earlier push may have arrived. Empty: nothing there, or nothing this build lets
     * GateSync see (the punch is then sent again once the earlier push has surely ended, and BioTime's own
     * duplicate check answers for it).
     */
    List<Optional<HeldPunch>> findAll(List<Punch> punches);

    /** Whether the ids this channel answers are manual-log ids (kept apart from transaction ids). */
    default boolean answersManualLogs() {
        return false;
    }
}
