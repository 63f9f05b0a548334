package io.gatesync.worker.biotime;

import java.util.Optional;

/** What became of one punch a channel sent. */
public sealed interface PushResult {

    /** BioTime stored it: the transaction's id, or the manual log's on the manual-log channel. */
    record Stored(long id) implements PushResult {}

    /**
     * BioTime refused it because the person has a punch in that second already (its unique key): that punch, if it
     * could be read.
     */
    record SecondTaken(Optional<HeldPunch> held) implements PushResult {}

    /** It failed; the failure says whether it may pass later. */
    record Failed(RuntimeException failure) implements PushResult {}
}
