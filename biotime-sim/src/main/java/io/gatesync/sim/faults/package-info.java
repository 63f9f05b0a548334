/**
 * What goes wrong on the BioTime endpoints, switched by tests ({@link Faults}, in-process or through
 * {@code /sim/faults}: {@link FaultsController}) and applied by {@link FaultFilter} after request counting and before
 * authentication: latency, failures, throttling, rows inserted while paging.
 */
package io.gatesync.sim.faults;
