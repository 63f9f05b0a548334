/**
 * Reconciliation (issue 22): {@link ReconcileListener} takes a {@code ReconcileCommand} (from the api's
 * {@code POST /zkteco/reconcile} or the nightly job in {@code schedule}) → {@link Reconciler} compares each day's
 * punches ({@link DayDiff}: BioTime's read page by page, GateSync's from {@code entrylog.DayPunches} and
 * {@code pulled_punches}), heals them through the entry sync and the pull's importer, then the employees
 * ({@code people.EmployeeCheck}); every step is kept in {@link ReconcileStore} so a run resumes after a kill.
 */
package io.gatesync.worker.reconcile;
