package io.gatesync.api.status;

import java.time.Instant;

/**
 * Where the periodic pull's arrival reads stand: the highest BioTime id read, how the server ordered its list, when,
 * and why the pull stopped if BioTime looks restored from a backup (null otherwise).
 */
public record Arrivals(long maxId, String serverOrder, Instant readAt, String restoreSuspected) {}
