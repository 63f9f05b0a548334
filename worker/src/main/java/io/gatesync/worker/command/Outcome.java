package io.gatesync.worker.command;

import java.util.function.Supplier;

/**
 * What the work made of one command: the line for the sync log, or the failure for {@link FailureRouter} to retry or
 * dead-letter. Work that runs many commands together ({@link CommandRunner#runAll}) answers one for each.
 */
public record Outcome(String result, RuntimeException failure) {

    public static Outcome done(String result) {
        return new Outcome(result, null);
    }

    public static Outcome failed(RuntimeException failure) {
        return new Outcome(null, failure);
    }

    public static Outcome of(Supplier<String> work) {
        try {
            return done(work.get());
        } catch (RuntimeException e) {
            return failed(e);
        }
    }
}
