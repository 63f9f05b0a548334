/**
 * Reconciliation's shared domain: {@link ReconcileRuns} records a run and its days ({@code reconcile_runs},
 * {@code reconcile_days}) in the caller's transaction, for the api's {@code POST /zkteco/reconcile} and the worker's
 * nightly job; the run becomes one {@code ReconcileCommand} the worker's {@code reconcile} package carries out.
 */
package io.gatesync.common.reconcile;
