package io.gatesync.common.entrylog;

/** Where an {@code entry_logs} row came from: its {@code source} column, stored as the constant's name. */
public enum EntrySource {
    /** A gate's events (the api's {@code EventStore}); its punches are sent to BioTime. */
    GATE,
    /** A terminal's punches read from BioTime (the worker's attendance import); nothing is sent back. */
    BIOTIME,
    /**
     * Made by hand at a site that kept its entry logs before GateSync (the integration guide's third source). GateSync
     * writes none, and treats one like a gate's.
     */
    MANUAL
}
