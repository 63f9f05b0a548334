/**
 * Gate events, the start of the main flow ({@link EventController}): {@code POST /api/events} → {@link EventWriter}
 * (single events share transactions) or, for batches, straight to {@link EventService} → one transaction that opens or
 * closes entry logs and writes a {@code SyncEntryCommand} to the {@code outbox} → RabbitMQ → worker
 * {@code entrylog.EntrySync} → BioTime.
 */
package io.gatesync.api.event;
