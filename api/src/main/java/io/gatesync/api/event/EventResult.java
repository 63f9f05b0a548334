package io.gatesync.api.event;

/**
 * What recording an event did. {@code outcome}: OPENED (an entry log was opened), CLOSED (the person's open entry
 * log got its exit), EXIT_WITHOUT_ENTRY (no open entry: the exit is kept in a flagged entry log of its own).
 */
public record EventResult(String eventId, long entryLogId, String outcome) {
}
