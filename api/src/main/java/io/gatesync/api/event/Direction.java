package io.gatesync.api.event;

public enum Direction {
    ENTRY,
    EXIT
}
