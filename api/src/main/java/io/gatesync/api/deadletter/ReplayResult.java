package io.gatesync.api.deadletter;

import java.util.List;

/** What a replay did: how many dead letters went back to work, and their ids in ascending order. */
public record ReplayResult(int replayed, List<Long> ids) {}
