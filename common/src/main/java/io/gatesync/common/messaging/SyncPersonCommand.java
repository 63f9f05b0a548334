package io.gatesync.common.messaging;

import java.time.Instant;

/** Create or update the BioTime employee for this person. The worker reads the person's current row. */
public record SyncPersonCommand(String commandId, String cnic, Instant requestedAt) implements Command {

    @Override
    public String target() {
        return cnic;
    }
}
