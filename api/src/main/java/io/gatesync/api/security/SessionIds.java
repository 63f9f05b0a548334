package io.gatesync.api.security;

import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.WebSessionIdResolver;
import org.springframework.web.server.session.WebSessionManager;

/**
 * Whether a request can belong to a browser session: it presents a session id (the cookie). One that presents none
 * has no session, and asking for its session would create one: a random id, made on another thread and handed on
 * to a third (Spring's in-memory store does that), only to find it empty. Gates, scripts and probes send no cookie,
 * so this spares every one of their requests two thread hops.
 */
@Component
public class SessionIds {

    private final WebSessionIdResolver resolver; // null: a session manager we cannot see into, so always look

    public SessionIds(WebSessionManager sessions) {
        this.resolver = sessions instanceof DefaultWebSessionManager manager ? manager.getSessionIdResolver() : null;
    }

    boolean presented(ServerWebExchange exchange) {
        return resolver == null || !resolver.resolveSessionIds(exchange).isEmpty();
    }
}
