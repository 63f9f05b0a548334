package io.gatesync.common.messaging;

import java.time.Instant;

/**
 * Push whatever punches of this entry log BioTime does not have yet (entry, exit or both). The worker reads the
 * row, so a command sent twice, or sent for the entry and again for the exit, pushes each punch once.
 */
public record SyncEntryCommand(String commandId, long entryLogId, Instant requestedAt) implements Command {

    @Override
    public String target() {
        return Long.toString(entryLogId);
    }
}
