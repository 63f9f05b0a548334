package io.gatesync.sim.faults;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

import io.gatesync.sim.web.ApiPaths;
import io.gatesync.sim.web.JsonReplies;

/**
 * Applies {@link Faults} to the BioTime endpoints only; /sim/ and /actuator/ stay reliable for the tests that drive
 * them. Runs after request counting and before authentication, so faults also hit logins and unauthenticated calls;
 * the delay comes after the fault decision, so an injected failure answers at once.
 */
@Component
class FaultFilter implements WebFilter, Ordered {

    private final Faults faults;

    FaultFilter(Faults faults) {
        this.faults = faults;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String path = request.getPath().value();
        if (!ApiPaths.isApi(path)) {
            return chain.filter(exchange);
        }
        // decided on arrival, so "the next N requests" means the next N to arrive
        Faults.Verdict verdict = faults.next(
                ApiPaths.isList(request.getMethod(), path), HttpMethod.POST.equals(request.getMethod()), path);
        return switch (verdict.action()) {
            case REFUSE -> dropConnection(exchange);
            case THROTTLE -> throttled(exchange, verdict.retryAfter());
            case FAIL -> JsonReplies.detail(exchange, HttpStatusCode.valueOf(verdict.status()), "Service unavailable");
            case PASS -> delayed(verdict, () -> chain.filter(exchange));
            case DROP_REPLY ->
                delayed(
                        verdict,
                        () -> chain.filter(exchange.mutate()
                                .response(new ReplyDropper(exchange))
                                .build()));
        };
    }

    private static Mono<Void> delayed(Faults.Verdict verdict, java.util.function.Supplier<Mono<Void>> next) {
        return verdict.delay().isZero()
                ? next.get()
                : Mono.delay(verdict.delay()).then(Mono.defer(next));
    }

    /**
     * The request is carried out, but instead of its answer the connection is closed: what a client sees when an
     * answer is lost on the way (a proxy timing out, a network drop) after the server acted.
     */
    private static final class ReplyDropper extends ServerHttpResponseDecorator {

        private final ServerWebExchange exchange;

        ReplyDropper(ServerWebExchange exchange) {
            super(exchange.getResponse());
            this.exchange = exchange;
        }

        @Override
        public Mono<Void> writeWith(org.reactivestreams.Publisher<? extends DataBuffer> body) {
            return Flux.from(body).doOnNext(DataBufferUtils::release).then(dropConnection(exchange));
        }

        @Override
        public Mono<Void> writeAndFlushWith(
                org.reactivestreams.Publisher<? extends org.reactivestreams.Publisher<? extends DataBuffer>> body) {
            return Flux.from(body)
                    .flatMap(Flux::from)
                    .doOnNext(DataBufferUtils::release)
                    .then(dropConnection(exchange));
        }

        @Override
        public Mono<Void> setComplete() {
            return dropConnection(exchange);
        }
    }

    /** DRF's Throttled: a Retry-After header and its (pluralised) wait message. */
    private static Mono<Void> throttled(ServerWebExchange exchange, int seconds) {
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        return JsonReplies.detail(
                exchange,
                HttpStatus.TOO_MANY_REQUESTS,
                "Request was throttled. Expected available in " + seconds + (seconds == 1 ? " second." : " seconds."));
    }

    /**
     * Closes the connection without an answer. A WebFilter runs after the TCP accept, so it cannot refuse the
     * connection itself (a stopped simulator, with nothing listening, is what gives a true "connection refused");
     * an abortive close (RST, via SO_LINGER 0) is the nearest: the client sees "connection reset" or "closed
     * prematurely" on a connection it had just opened or reused.
     */
    private static Mono<Void> dropConnection(ServerWebExchange exchange) {
        Object nativeRequest = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
        if (!(nativeRequest instanceof Connection connection)) {
            // not on Reactor Netty (a mock exchange): the closest answer left is a bare 503
            return JsonReplies.detail(exchange, HttpStatus.SERVICE_UNAVAILABLE, "Connection refused");
        }
        Channel channel = connection.channel();
        channel.config().setOption(ChannelOption.SO_LINGER, 0);
        return Mono.create(sink -> channel.close().addListener(closed -> sink.success()));
    }

    /** After request counting, before authentication. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }
}
