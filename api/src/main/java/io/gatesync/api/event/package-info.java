/**
 * Gate events, the start of the main flow ({@link EventController}): {@code POST /api/events} → {@link EventWriter}
 * (single events share transactions) or, for batches, straight to {@link EventService} → one transaction that opens or
 * closes entry logs and writes a {@code SyncEntryCommand} to the {@code outbox} → RabbitMQ → worker
 * {@code entrylog.EntrySync} → BioTime.
 * <p>
 * Within that transaction {@link EventService} runs the steps: {@link EventStore} reads and locks the rows (stored
 * events, the people, their open logs), {@link EventPairing} decides in memory what each event does (a repeat, an
 * entry opening a {@link Visit}, an exit closing the latest open one or kept flagged, a leaver's log flagged), and
 * {@link EventStore} writes the result in JDBC batches.
 */
package io.gatesync.api.event;
