package io.gatesync.sim.faults;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import io.gatesync.sim.web.JsonReplies;
import reactor.core.publisher.Mono;

/** Applies {@link Faults} to the BioTime endpoints only; /sim/ and /actuator/ stay reliable for the tests that drive them. */
@Component
class FaultFilter implements WebFilter, Ordered {

    private final Faults faults;

    FaultFilter(Faults faults) {
        this.faults = faults;
    }

    static boolean applies(String path) {
        return path.startsWith("/personnel/") || path.startsWith("/iclock/") || path.startsWith("/att/")
                || path.startsWith("/jwt-api-token-auth") || path.startsWith("/api-token-auth");
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!applies(exchange.getRequest().getPath().value())) {
            return chain.filter(exchange);
        }
        FaultSettings s = faults.current();
        Mono<Void> handle = Mono.defer(() -> faults.shouldFail(s)
                ? JsonReplies.detail(exchange, HttpStatusCode.valueOf(s.errorStatus()), "Service unavailable")
                : chain.filter(exchange));
        return s.latency().isZero() ? handle : Mono.delay(s.latency()).then(handle);
    }

    /** After request counting, before authentication. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
