/**
 * {@link DeadLetterRecorder}: consumes the dead-letter queues (where {@code command.FailureRouter} and the broker put
 * commands that failed for good) and records each one in {@code dead_letters} before acking it; the api's
 * {@code deadletter} package lists and replays them.
 */
package io.gatesync.worker.deadletter;
