package io.gatesync.api.event;

import io.gatesync.common.entrylog.EntryFlag;

/**
 * What recording a gate event did to the entry logs: stored as the constant's name in {@code gate_events.outcome}
 * and answered to the gate (a repeated event id answers its first outcome).
 */
public enum EventOutcome {
    /** An entry log was opened. */
    OPENED,
    /** The person's open entry log got its exit. */
    CLOSED,
    /** No open entry: the exit is kept in an entry log of its own, flagged {@link EntryFlag#EXIT_WITHOUT_ENTRY}. */
    EXIT_WITHOUT_ENTRY
}
