/**
 * Entry logs → BioTime punches, the end of the main flow: {@link EntrySyncListener} consumes {@code SyncEntryCommand}s
 * in batches → {@link EntrySync}, which takes the entry log's named lock, syncs the person first
 * ({@code people.PersonSync}), claims each push and sends the check-in and check-out once through the
 * {@code biotime.PunchChannel}. {@link PunchSeconds} keeps one punch per person and second.
 */
package io.gatesync.worker.entrylog;
