package io.gatesync.api.security;

import java.net.URI;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.web.server.savedrequest.ServerRequestCache;
import org.springframework.security.web.server.savedrequest.WebSessionServerRequestCache;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring's request cache (a request saved in the session, to return to after sign-in), asked only when the request
 * has a session: without one there is nothing saved, and looking would create a session (see {@link SessionIds}).
 */
final class SessionRequestCache implements ServerRequestCache {

    private final ServerRequestCache saved = new WebSessionServerRequestCache();
    private final SessionIds sessionIds;

    SessionRequestCache(SessionIds sessionIds) {
        this.sessionIds = sessionIds;
    }

    @Override
    public Mono<Void> saveRequest(ServerWebExchange exchange) {
        return saved.saveRequest(exchange);
    }

    @Override
    public Mono<URI> getRedirectUri(ServerWebExchange exchange) {
        return sessionIds.presented(exchange) ? saved.getRedirectUri(exchange) : Mono.empty();
    }

    @Override
    public Mono<ServerHttpRequest> removeMatchingRequest(ServerWebExchange exchange) {
        return sessionIds.presented(exchange) ? saved.removeMatchingRequest(exchange) : Mono.empty();
    }
}
