package io.gatesync.worker.biotime;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The one door every BioTime request passes: the circuit breaker, this worker's in-flight share, the cluster's
 * rate budget, then the request, timed by endpoint and outcome. A 429 pauses the whole cluster for its
 * Retry-After.
 */
public class RequestGate {

    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    private final CircuitBreaker breaker;
    private final InFlightLimit inFlight;
    private final RateBudget budget;
    private final MeterRegistry metrics;
    private final AtomicReference<LastCall> last = new AtomicReference<>();

    /** The last request this worker sent BioTime and how it went ({@code outage}: no usable answer). */
    public record LastCall(Instant at, String endpoint, String outcome, boolean outage, String error) {
    }

    public RequestGate(CircuitBreaker breaker, InFlightLimit inFlight, RateBudget budget, MeterRegistry metrics) {
        this.breaker = breaker;
        this.inFlight = inFlight;
        this.budget = budget;
        this.metrics = metrics;
    }

    public <T> T pass(String endpoint, Supplier<T> request) {
        breaker.beforeCall();
        inFlight.acquire();
        try {
            budget.acquire();
            long start = System.nanoTime();
            String outcome = "2xx";
            BioTimeException failure = null;
            try {
                T result = request.get();
                breaker.onAnswer();
                return result;
            } catch (BioTimeException e) {
                failure = e;
                outcome = outcomeOf(e);
                if (e.outage()) {
                    breaker.onOutage(e.getMessage());
                } else {
                    breaker.onAnswer();
                }
                if (e.status() == 429) {
                    budget.pauseFor(e.retryAfter() != null ? e.retryAfter() : DEFAULT_RETRY_AFTER);
                }
                throw e;
            } finally {
                Timer.builder("gatesync.biotime.requests").description("BioTime requests by endpoint and outcome")
                        .tag("endpoint", endpoint).tag("outcome", outcome).publishPercentileHistogram()
                        .register(metrics).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                last.set(new LastCall(Instant.now(), endpoint, outcome, failure != null && failure.outage(),
                        failure == null ? null : failure.getMessage()));
            }
        } finally {
            inFlight.release();
        }
    }

    private static String outcomeOf(BioTimeException e) {
        if (e.status() == 0) {
            return e.getMessage().startsWith("Connection timeout") ? "timeout" : "unreachable";
        }
        return e.status() / 100 + "xx";
    }

    /** Empty until this worker has sent BioTime a request. */
    public Optional<LastCall> lastCall() {
        return Optional.ofNullable(last.get());
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    public InFlightLimit inFlight() {
        return inFlight;
    }

    public RateBudget budget() {
        return budget;
    }
}
