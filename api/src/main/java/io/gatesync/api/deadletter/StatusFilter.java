package io.gatesync.api.deadletter;

/** Which dead letters a list shows: those still waiting (DEAD, the default), those sent back, or both. */
public enum StatusFilter {
    DEAD,
    REPLAYED,
    ALL
}
