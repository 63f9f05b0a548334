package io.gatesync.common.messaging;

import java.util.Optional;

/** Each kind of command has its own durable queue, so one slow kind never starves another. */
public enum CommandKind {
    PERSON_SYNC("person-sync", SyncPersonCommand.class),
    ENTRY_SYNC("entry-sync", SyncEntryCommand.class),
    ATTENDANCE_PULL("attendance-pull", PullAttendanceCommand.class),
    RECONCILE("reconcile", ReconcileCommand.class);

    private final String routingKey;
    private final Class<? extends Command> type;

    CommandKind(String routingKey, Class<? extends Command> type) {
        this.routingKey = routingKey;
        this.type = type;
    }

    /** Routing key on the commands exchange; also the queue's name after the prefix. */
    public String routingKey() {
        return routingKey;
    }

    public Class<? extends Command> type() {
        return type;
    }

    public static Optional<CommandKind> ofRoutingKey(String routingKey) {
        for (CommandKind kind : values()) {
            if (kind.routingKey.equals(routingKey)) {
                return Optional.of(kind);
            }
        }
        return Optional.empty();
    }

    /** The kind whose commands are of {@code type}. */
    public static CommandKind ofType(Class<? extends Command> type) {
        for (CommandKind kind : values()) {
            if (kind.type.equals(type)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("No command kind for " + type);
    }

    public static CommandKind of(Command command) {
        for (CommandKind kind : values()) {
            if (kind.type.isInstance(command)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("No queue for " + command.getClass().getSimpleName());
    }
}
