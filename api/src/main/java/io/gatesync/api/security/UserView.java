package io.gatesync.api.security;

import java.time.Instant;

/** A user as {@code /zkteco/users} shows it; never with the password or its hash. */
public record UserView(String username, Role role, Instant createdAt, String createdBy) {}
