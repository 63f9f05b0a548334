package io.gatesync.api.parking;

/** What {@code POST /zkteco/parked/retry} did: how many parked punches now wait for a retry, and when it happens. */
public record RetryRequested(int requested, String when) {}
