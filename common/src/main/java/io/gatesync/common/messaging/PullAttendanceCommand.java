package io.gatesync.common.messaging;

import java.time.Instant;

/**
 * Import the BioTime punches of one chunk of an attendance pull ({@code pull_chunks} row) into entry logs.
 * The worker reads the chunk's window from the row; importing twice changes nothing (punches dedupe on their
 * BioTime transaction id).
 */
public record PullAttendanceCommand(String commandId, long chunkId, Instant requestedAt) implements Command {

    @Override
    public String target() {
        return "chunk " + chunkId;
    }
}
