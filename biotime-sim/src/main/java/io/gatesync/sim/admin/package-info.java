/**
 * The simulator's own {@code /sim} routes for tests ({@link AdminController}): inspect and seed employees,
 * transactions, terminals and manual logs, reset to a fresh install ({@link SimReset}), and read the request counters
 * ({@link SimStats}, counted first by {@link RequestStatsFilter}). No authentication, no faults.
 */
package io.gatesync.sim.admin;
