package io.gatesync.common.messaging;

/**
 * A unit of work for the workers; {@link #commandId()} makes redeliveries traceable. It is the AMQP message id of a
 * command sent alone; commands sent together share a message (a JSON array of them, with its own id) until one is
 * retried or dead-lettered, which moves it on alone under its command id.
 */
public sealed interface Command permits SyncPersonCommand, SyncEntryCommand, PullAttendanceCommand, ReconcileCommand {

    String commandId();

    /** What the command is about, as shown in sync logs: a CNIC or an entry log id. */
    String target();
}
