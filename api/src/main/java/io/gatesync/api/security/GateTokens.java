package io.gatesync.api.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import io.gatesync.api.web.Blocking;
import io.gatesync.api.web.NotFoundException;
import io.gatesync.common.db.Rows;
import io.gatesync.common.time.DbTime;

/**
 * Per-gate bearer tokens: 256 random bits, shown once, kept as their SHA-256 (a fast hash is enough for random
 * tokens, and keeps ingest fast), revocable. Look-ups are remembered for {@code GATESYNC_SECURITY_CACHE_FOR}, so a
 * revoked token stops working on every api instance within that long (on the instance that revoked it, at once).
 */
@Service
public class GateTokens {

    /** Makes a GateSync gate token recognisable (e.g. to secret scanners) and distinct from other bearer tokens. */
    static final String PREFIX = "gsg_";

    private static final String BEARER = "Bearer ";

    private final JdbcClient jdbc;
    private final Blocking blocking;
    private final ShortCache<String, GateAuthentication.Gate> cache;
    private final SecureRandom random = new SecureRandom();

    public GateTokens(JdbcClient jdbc, Blocking blocking, SecuritySettings settings) {
        this.jdbc = jdbc;
        this.blocking = blocking;
        this.cache = new ShortCache<>(settings.cacheFor(), 10_000);
    }

    /** The token a request presents ({@code Authorization: Bearer …}), if any: the converter of the gate filter. */
    static Mono<Authentication> presented(ServerWebExchange exchange) {
        String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Mono.empty();
        }
        return Mono.just(
                GateAuthentication.presented(header.substring(BEARER.length()).trim()));
    }

    /** The gate whose token this is, or a 401 for an unknown or revoked one. */
    Mono<Authentication> authenticate(Authentication presented) {
        String hash = hash(((GateAuthentication) presented).token());
        return cache.get(hash, () -> blocking.call(() -> active(hash)))
                .flatMap(gate -> gate.<Mono<Authentication>>map(g -> Mono.just(GateAuthentication.of(g)))
                        .orElseGet(() -> Mono.error(new BadCredentialsException("Unknown or revoked gate token"))));
    }

    NewGateToken create(String name, String by) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO gates (name, token_hash, created_at, created_by) VALUES (?, ?, ?, ?)")
                .params(name, hash(token), DbTime.toDb(now), by)
                .update(key);
        return new NewGateToken(key.getKey().longValue(), name, token, now);
    }

    List<GateView> list() {
        return jdbc.sql("SELECT id, name, created_at, created_by FROM gates WHERE revoked_at IS NULL ORDER BY name, id")
                .query((rs, n) -> new GateView(
                        rs.getLong("id"),
                        rs.getString("name"),
                        Rows.instant(rs, "created_at"),
                        rs.getString("created_by")))
                .list();
    }

    void revoke(long id, String by) {
        int revoked = jdbc.sql("UPDATE gates SET revoked_at = ?, revoked_by = ? WHERE id = ? AND revoked_at IS NULL")
                .params(DbTime.now(), by, id)
                .update();
        if (revoked == 0) {
            throw new NotFoundException("gate " + id + " does not exist or is already revoked; GET /zkteco/gates "
                    + "lists the active ones");
        }
        cache.removeIf(gate -> gate.id() == id);
    }

    private Optional<GateAuthentication.Gate> active(String hash) {
        return jdbc.sql("SELECT id, name FROM gates WHERE token_hash = ? AND revoked_at IS NULL")
                .param(hash)
                .query((rs, n) -> new GateAuthentication.Gate(rs.getLong(1), rs.getString(2)))
                .optional();
    }

    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
