package io.gatesync.sim.admin;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/** Counts every BioTime request first, before faults or auth reject it: the client's sending rate is what is measured. */
@Component
class RequestStatsFilter implements WebFilter, Ordered {

    private final SimStats stats;

    RequestStatsFilter(SimStats stats) {
        this.stats = stats;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        if (!path.startsWith("/sim/") && !path.equals("/sim") && !path.startsWith("/actuator")) {
            stats.recordRequest(exchange.getRequest().getMethod().name(), path);
        }
        return chain.filter(exchange);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
