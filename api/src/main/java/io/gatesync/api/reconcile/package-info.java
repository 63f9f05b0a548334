/**
 * Reconciliation ({@link ReconcileController}, {@code /zkteco/reconcile}): {@link ReconcileService} records a run of
 * days ({@code common.reconcile.ReconcileRuns}) and writes its {@code ReconcileCommand} to the outbox in one
 * transaction → worker {@code reconcile.Reconciler}, which compares and heals day by day. Also each run's report,
 * read from {@code reconcile_days} and {@code reconcile_items}.
 */
package io.gatesync.api.reconcile;
