package io.gatesync.api.status;

import java.time.Instant;

/**
 * A BioTime terminal as the periodic pull last read it.
 *
 * @param silent it has not spoken to BioTime for longer than GATESYNC_PULL_TERMINAL_SILENT_AFTER, or never
 */
public record TerminalStatus(
        String sn, String alias, String area, Instant lastActivity, boolean silent, Instant readAt) {}
