package io.gatesync.api.pull;

/** The answer to a pull request: its run, how many chunks the workers import, and where to follow it. */
public record PullStarted(long runId, int chunksTotal, String statusUrl) {}
