package io.gatesync.api.security;

/** Body of {@code POST /zkteco/gates}. */
public record NewGate(String name) {}
