/**
 * The worker application ({@link WorkerApplication}): consumes the commands the api (and its own periodic jobs) queue
 * and carries them out against BioTime; run as many as the load needs. Each command kind has a listener in its feature
 * package ({@code entrylog}, {@code people}, {@code attendance}) that hands it to the command framework in
 * {@code sync}; every BioTime request goes through {@code biotime}.
 */
package io.gatesync.worker;
