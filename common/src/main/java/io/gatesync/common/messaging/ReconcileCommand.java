package io.gatesync.common.messaging;

import java.time.Instant;

/**
 * Reconcile the days of one run ({@code reconcile_runs} row): compare GateSync's punches and people with BioTime's,
 * heal what differs, list what cannot be healed. The worker reads the run's state, so a redelivered command resumes
 * the run where it stopped.
 */
public record ReconcileCommand(String commandId, long runId, Instant requestedAt) implements Command {

    @Override
    public String target() {
        return "reconcile run " + runId;
    }
}
