package io.gatesync.common.messaging;

/** A unit of work for the workers; {@link #commandId()} is the AMQP message id and makes redeliveries traceable. */
public sealed interface Command permits SyncPersonCommand, SyncEntryCommand, PullAttendanceCommand {

    String commandId();

    /** What the command is about, as shown in sync logs: a CNIC or an entry log id. */
    String target();
}
