/**
 * {@code /zkteco/dead-letters} ({@link DeadLetterController}): lists the commands that failed for good, as the
 * worker's {@code deadletter.DeadLetterRecorder} stored them in {@code dead_letters}, and replays them: a replay writes
 * the unchanged payload to the outbox, so it takes the same path as a new command ({@link DeadLetterService}).
 */
package io.gatesync.api.deadletter;
