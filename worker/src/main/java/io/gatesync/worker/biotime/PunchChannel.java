package io.gatesync.worker.biotime;

import java.util.Optional;

/** How punches reach BioTime (ZKTECO_PUNCH_CHANNEL); one implementation per channel. */
public interface PunchChannel {

    /** Sends the punch; returns BioTime's transaction id for it. */
    long push(Punch punch);

    /** The id of this punch if BioTime already has it: asked before re-sending one that may have arrived. */
    Optional<Long> find(Punch punch);
}
