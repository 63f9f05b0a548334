package io.gatesync.api.security;

import java.time.Instant;

/**
 * The answer to {@code POST /zkteco/gates}: the only time the token is shown. The gate sends it as
 * {@code Authorization: Bearer <token>}.
 */
public record NewGateToken(long id, String name, String token, Instant createdAt) {

    @Override
    public String toString() {
        return "NewGateToken[id=" + id + ", name=" + name + ", token=(hidden), createdAt=" + createdAt + "]";
    }
}
