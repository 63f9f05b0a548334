package io.gatesync.common.synclog;

import io.gatesync.common.messaging.CommandKind;

/**
 * What a {@code zkteco_sync_logs} row is about: its {@code kind} column, stored as the constant's name. The first four
 * are the command kinds (a worker's attempt at a command, or the api replaying its dead letter); the rest are written
 * by no command.
 */
public enum SyncLogKind {
    PERSON_SYNC(CommandKind.PERSON_SYNC),
    ENTRY_SYNC(CommandKind.ENTRY_SYNC),
    ATTENDANCE_PULL(CommandKind.ATTENDANCE_PULL),
    RECONCILE(CommandKind.RECONCILE),
    /** A periodic job's run (worker); the target is the job's name. */
    JOB(null),
    /** A manual sync an admin asked for (api); the target is a CNIC, an entry log id or the operation. */
    MANUAL(null),
    /** A BioTime connection test (api); the target is {@code biotime}, what it found is in {@code details}. */
    CONNECTION_TEST(null),
    /** A replayed dead letter whose kind its recorder could not tell (rows of older workers). */
    UNKNOWN(null);

    private final CommandKind command;

    SyncLogKind(CommandKind command) {
        this.command = command;
    }

    /** The row kind of an attempt at a command of this kind. */
    public static SyncLogKind of(CommandKind kind) {
        for (SyncLogKind k : values()) {
            if (k.command == kind) {
                return k;
            }
        }
        throw new IllegalArgumentException("No sync log kind for " + kind); // SyncLogVocabularyTest: cannot happen
    }

    /**
     * The kind a stored name stands for; a name no constant has (a {@code dead_letters} kind of a newer version) is
     * {@link #UNKNOWN}.
     */
    public static SyncLogKind ofStored(String name) {
        for (SyncLogKind k : values()) {
            if (k.name().equals(name)) {
                return k;
            }
        }
        return UNKNOWN;
    }
}
