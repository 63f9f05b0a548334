package io.gatesync.worker.biotime;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The one door every BioTime request passes: the circuit breaker, this worker's in-flight share, the cluster's
 * rate budget, then the request, timed by endpoint and outcome. A 429 pauses the whole cluster for its
 * Retry-After.
 */
public class RequestGate {

    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);

    private static final String OK = "2xx";
    private static final String TIMEOUT = "timeout";
    private static final String UNREACHABLE = "unreachable";
    /**
     * The outcomes a request's timer exists for at 0 from start-up, so the error-rate alert sees the first failure;
     * a status class BioTime should never answer (1xx, 3xx) still gets its series when it first happens.
     */
    private static final List<String> OUTCOMES = List.of(OK, "4xx", "5xx", TIMEOUT, UNREACHABLE);
    /**
     * Latency buckets about two apart, 10 ms to 30 s. Micrometer's percentile histogram has 69 per timer: with a
     * timer for every endpoint and outcome from start-up, some 5,900 series and a 1 MB scrape per worker; these
     * make it some 1,400 lines (250 KB).
     */
    private static final Duration[] BUCKETS = Stream.of(
                    10, 25, 50, 100, 200, 400, 750, 1_500, 3_000, 6_000, 12_000, 30_000)
            .map(Duration::ofMillis)
            .toArray(Duration[]::new);

    private final CircuitBreaker breaker;
    private final InFlightLimit inFlight;
    private final RateBudget budget;
    private final MeterRegistry metrics;
    private final AtomicReference<LastCall> last = new AtomicReference<>();

    /** The last request this worker sent BioTime and how it went ({@code outage}: no usable answer). */
    public record LastCall(Instant at, String endpoint, String outcome, boolean outage, String error) {}

    public RequestGate(CircuitBreaker breaker, InFlightLimit inFlight, RateBudget budget, MeterRegistry metrics) {
        this.breaker = breaker;
        this.inFlight = inFlight;
        this.budget = budget;
        this.metrics = metrics;
        for (BioTimeEndpoint endpoint : BioTimeEndpoint.values()) {
            for (String outcome : OUTCOMES) {
                timer(endpoint, outcome);
            }
        }
    }

    public <T> T pass(BioTimeEndpoint endpoint, Supplier<T> request) {
        breaker.beforeCall();
        inFlight.acquire();
        try {
            budget.acquire();
            long start = System.nanoTime();
            String outcome = OK;
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
                timer(endpoint, outcome).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
                last.set(new LastCall(
                        Instant.now(),
                        endpoint.label(),
                        outcome,
                        failure != null && failure.outage(),
                        failure == null ? null : failure.getMessage()));
            }
        } finally {
            inFlight.release();
        }
    }

    /** The outcome tag of a failed request: by its kind, never by its message. */
    static String outcomeOf(BioTimeException e) {
        return switch (e.kind()) {
            case TIMEOUT -> TIMEOUT;
            case UNREACHABLE -> UNREACHABLE;
            default -> e.status() > 0 ? e.status() / 100 + "xx" : UNREACHABLE;
        };
    }

    private Timer timer(BioTimeEndpoint endpoint, String outcome) {
        return Timer.builder("gatesync.biotime.requests")
                .description("BioTime requests by endpoint and outcome")
                .tag("endpoint", endpoint.label())
                .tag("outcome", outcome)
                .serviceLevelObjectives(BUCKETS)
                .register(metrics);
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
