package io.gatesync.api.reconcile;

import java.time.LocalDate;

/** The answer to a reconciliation request: its run, the days it covers, and where to follow it. */
public record ReconcileStarted(long runId, LocalDate from, LocalDate to, String statusUrl) {}
