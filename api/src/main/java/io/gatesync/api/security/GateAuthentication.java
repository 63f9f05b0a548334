package io.gatesync.api.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;

/** A gate token as sent ({@link #presented}), and the gate it belongs to once checked ({@link #of}). */
final class GateAuthentication extends AbstractAuthenticationToken {

    private final String token;
    private final Gate gate;

    /** The gate a token belongs to: what an event request is authenticated as. */
    record Gate(long id, String name) {}

    private GateAuthentication(String token, Gate gate) {
        super(gate == null ? List.of() : Role.GATE.authorities());
        this.token = token;
        this.gate = gate;
        setAuthenticated(gate != null);
    }

    static GateAuthentication presented(String token) {
        return new GateAuthentication(token, null);
    }

    static GateAuthentication of(Gate gate) {
        return new GateAuthentication(null, gate);
    }

    String token() {
        return token;
    }

    @Override
    public Object getCredentials() {
        return null; // never handed on: the token is only read by GateTokens
    }

    @Override
    public Object getPrincipal() {
        return gate == null ? null : getName();
    }

    @Override
    public String getName() {
        return gate == null ? "" : "gate:" + gate.name();
    }
}
