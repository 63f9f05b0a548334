package io.gatesync.worker.entrylog;

/** One punch of an entry log: its check-in ({@link Direction#ENTRY}) or its check-out. */
record LogPunch(long logId, Direction direction) {}
