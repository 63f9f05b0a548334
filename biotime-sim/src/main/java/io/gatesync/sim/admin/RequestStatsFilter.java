package io.gatesync.sim.admin;

import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import io.gatesync.sim.web.ApiPaths;

/**
 * Counts every BioTime request first, before faults or auth reject it: the client's sending rate and concurrency are
 * what is measured. A request is in flight from arrival until its answer is written (injected delays included).
 */
@Component
class RequestStatsFilter implements WebFilter, Ordered {

    private final SimStats stats;

    RequestStatsFilter(SimStats stats) {
        this.stats = stats;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().value();
        if (!ApiPaths.isApi(path)) {
            return chain.filter(exchange);
        }
        stats.recordRequest(exchange.getRequest().getMethod().name(), path);
        stats.requestStarted();
        // doFinally also runs when a dropped connection cancels the chain, so inFlight never drifts upwards
        return chain.filter(exchange).doFinally(signal -> stats.requestFinished());
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
