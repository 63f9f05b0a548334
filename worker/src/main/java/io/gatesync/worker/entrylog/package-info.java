/**
 * Entry logs → BioTime punches, the end of the main flow: {@link EntrySyncListener} consumes {@code SyncEntryCommand}s
 * in batches → {@link EntrySync}, the push protocol, which takes the entry log's named lock, syncs the person first
 * ({@code people.PersonSync}), claims each push and sends the check-in and check-out once through the
 * {@code biotime.PunchChannel}. Its rows are read and marked through {@link EntryLogPushes} (the SQL:
 * {@link JdbcEntryLogPushes}); each {@link Direction} names its columns. {@link PunchSeconds} keeps one punch per
 * person and second; {@link DayPunches} lists a day's punches for the reconciliation.
 */
package io.gatesync.worker.entrylog;
