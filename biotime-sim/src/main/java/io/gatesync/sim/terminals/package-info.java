/**
 * {@code /iclock/api/terminals/} ({@link TerminalController}): BioTime's terminals (devices), unique by serial number
 * ({@link TerminalStore}); an unknown terminal pushing over ADMS adds itself.
 */
package io.gatesync.sim.terminals;
