package io.gatesync.api.web;

import java.util.concurrent.Callable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * JDBC blocks; WebFlux's event loop must not. Every database call from a handler runs here, on a bounded pool
 * sized to the connection pool, so a slow database queues requests instead of starving the event loop.
 */
@Component
public class Blocking implements DisposableBean {

    private final Scheduler scheduler;

    public Blocking(@Value("${spring.datasource.hikari.maximum-pool-size:10}") int poolSize) {
        this.scheduler = Schedulers.newBoundedElastic(poolSize * 2, 100_000, "jdbc");
    }

    public <T> Mono<T> call(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(scheduler);
    }

    @Override
    public void destroy() {
        scheduler.dispose();
    }
}
