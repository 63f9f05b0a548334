package io.gatesync.worker.command;

/** Another worker is syncing the same record right now; try again shortly. */
public class LockBusyException extends RuntimeException {

    public LockBusyException(String message) {
        super(message);
    }
}
