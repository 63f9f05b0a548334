/**
 * An in-memory simulator of the ZKTeco BioTime 8.x REST API and the ADMS device push ({@link SimApplication}): what
 * the worker's {@code biotime.BioTimeClient} talks to in tests, benchmarks and the compose file's optional
 * {@code sim} profile, with switches ({@link SimProperties}) where real builds differ.
 */
package io.gatesync.sim;
