package io.gatesync.sim.auth;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import io.gatesync.sim.SimProperties;
import io.gatesync.sim.faults.Faults;

/**
 * Tokens the simulator issued. JWTs expire after {@code sim.jwt-ttl}, or the run-time {@code tokenTtl} fault switch
 * when set (fixed at issue, as the real exp claim is); DRF tokens are one per user and never expire, as in DRF's
 * authtoken app. Messages on rejection are the ones DRF and djangorestframework-jwt send.
 */
@Component
public class TokenStore {

    public enum Kind {
        JWT,
        TOKEN
    }

    /** @param expiresAt null for DRF tokens, which do not expire */
    record Issued(Kind kind, String username, Instant expiresAt) {}

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final ConcurrentHashMap<String, Issued> tokens = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> drfTokenByUser = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final SimProperties props;
    private final Faults faults;
    private final Clock clock;

    public TokenStore(SimProperties props, Faults faults, Clock clock) {
        this.props = props;
        this.faults = faults;
        this.clock = clock;
    }

    /** A fresh JWT-looking token: base64url header.payload.signature, the payload carrying user and exp. */
    public String issueJwt(String username) {
        Duration ttl = faults.current().tokenTtl();
        Instant exp = clock.instant().plus(ttl == null ? props.jwtTtl() : ttl);
        String header = B64.encodeToString("{\"typ\":\"JWT\",\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8));
        String payload = B64.encodeToString(("{\"user_id\":1,\"username\":\"" + username + "\",\"exp\":"
                        + exp.getEpochSecond() + ",\"email\":\"\"}")
                .getBytes(StandardCharsets.UTF_8));
        String token = header + "." + payload + "." + B64.encodeToString(randomBytes(32));
        tokens.put(token, new Issued(Kind.JWT, username, exp));
        return token;
    }

    /** The user's DRF token: the same 40-hex string on every login until revoked. */
    public String issueDrfToken(String username) {
        return drfTokenByUser.computeIfAbsent(username, u -> {
            String token = HexFormat.of().formatHex(randomBytes(20));
            tokens.put(token, new Issued(Kind.TOKEN, u, null));
            return token;
        });
    }

    /**
     * Checks an Authorization header value.
     *
     * @return null when authenticated, else the 401 detail message
     */
    public String check(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return "Authentication credentials were not provided.";
        }
        String[] parts = authorization.trim().split("\\s+");
        String scheme = parts[0].toLowerCase();
        if (!scheme.equals("jwt") && !scheme.equals("token")) {
            return "Authentication credentials were not provided.";
        }
        boolean jwt = scheme.equals("jwt");
        if (parts.length == 1) {
            return jwt
                    ? "Invalid Authorization header. No credentials provided."
                    : "Invalid token header. No credentials provided.";
        }
        if (parts.length > 2) {
            return jwt
                    ? "Invalid Authorization header. Credentials string should not contain spaces."
                    : "Invalid token header. Token string should not contain spaces.";
        }
        Issued issued = tokens.get(parts[1]);
        if (jwt) {
            if (issued == null || issued.kind() != Kind.JWT) {
                return "Error decoding signature.";
            }
            if (!clock.instant().isBefore(issued.expiresAt())) {
                return "Signature has expired.";
            }
            return null;
        }
        return issued == null || issued.kind() != Kind.TOKEN ? "Invalid token." : null;
    }

    /**
     * Simulates expiry: every JWT becomes expired ("Signature has expired.") and every DRF token is deleted.
     *
     * @return how many live tokens were revoked
     */
    public int revokeAll() {
        Instant now = clock.instant();
        int revoked = 0;
        for (Map.Entry<String, Issued> e : tokens.entrySet()) {
            Issued t = e.getValue();
            if (t.kind() == Kind.JWT) {
                if (now.isBefore(t.expiresAt())) {
                    revoked++;
                }
                tokens.put(e.getKey(), new Issued(Kind.JWT, t.username(), Instant.EPOCH));
            } else {
                revoked++;
                tokens.remove(e.getKey());
            }
        }
        drfTokenByUser.clear();
        return revoked;
    }

    /** Forgets every token, including the memory of expired ones. */
    public void clear() {
        tokens.clear();
        drfTokenByUser.clear();
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
