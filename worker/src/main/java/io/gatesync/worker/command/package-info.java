/**
 * The command framework every command listener uses. {@link CommandRunner} reads a message's commands, runs them,
 * writes the sync log (common's {@code synclog.SyncLog}, made by {@link SyncLogConfiguration}) and hands failures to {@link FailureRouter} (retry by delay queue, or
 * dead-letter); {@link CommandPublisher} publishes with confirms, {@link RecordLocks} serialises work on a record
 * across workers, and {@link OutagePause} stops the consumers while BioTime's circuit is open. Knows no feature
 * package: the syncs themselves are {@code entrylog.EntrySync} and {@code people.PersonSync}.
 */
package io.gatesync.worker.command;
