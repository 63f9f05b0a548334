/**
 * The rules where real BioTime builds differ, in force now ({@link SimRules}): whether posted transactions are
 * accepted, how manual logs are approved and listed, how punch states and orderings are shown. {@code sim.rules.*}
 * sets them at start, {@code /sim/rules} ({@link RulesController}) at run time.
 */
package io.gatesync.sim.rules;
