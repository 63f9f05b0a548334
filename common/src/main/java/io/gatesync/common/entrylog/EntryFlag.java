package io.gatesync.common.entrylog;

/** What is unusual about an {@code entry_logs} row: its {@code flag} column (null for none), the constant's name. */
public enum EntryFlag {
    /** An exit with no open entry to close, kept as a log of its own (no entry time). */
    EXIT_WITHOUT_ENTRY
}
