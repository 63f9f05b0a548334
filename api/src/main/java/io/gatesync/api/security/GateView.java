package io.gatesync.api.security;

import java.time.Instant;

/** A gate as {@code GET /zkteco/gates} lists it; its token is never shown again. */
public record GateView(long id, String name, Instant createdAt, String createdBy) {}
