package io.gatesync.sim.auth;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import io.gatesync.sim.web.JsonReplies;

/**
 * Guards the REST API. The ADMS device endpoints (/iclock/cdata, /iclock/getrequest) stay open because devices
 * never log in; /sim/ and /actuator/ are the simulator's own.
 */
@Component
class AuthFilter implements WebFilter, Ordered {

    /** After request counting and fault injection, so faults also hit unauthenticated calls. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

    private final TokenStore tokens;

    AuthFilter(TokenStore tokens) {
        this.tokens = tokens;
    }

    static boolean guarded(String path) {
        return path.startsWith("/personnel/") || path.startsWith("/iclock/api/") || path.startsWith("/att/api/");
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!guarded(exchange.getRequest().getPath().value())) {
            return chain.filter(exchange);
        }
        String problem = tokens.check(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
        if (problem == null) {
            return chain.filter(exchange);
        }
        // djangorestframework-jwt is the first authenticator, so its challenge is what DRF sends with a 401
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "JWT realm=\"api\"");
        return JsonReplies.detail(exchange, HttpStatus.UNAUTHORIZED, problem);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }
}
