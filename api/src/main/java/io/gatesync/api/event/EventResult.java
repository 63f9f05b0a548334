package io.gatesync.api.event;

/** What recording an event did ({@link EventOutcome}), and to which entry log. */
public record EventResult(String eventId, long entryLogId, EventOutcome outcome) {}
