package io.gatesync.sim.admin;

import java.time.Clock;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

/**
 * Counters tests and benchmarks read: logins, requests per endpoint, requests per second (to check a client's rate
 * limit) and requests in flight (to check its concurrency budget).
 */
@Component
public class SimStats {

    /** Seconds of per-second history kept. */
    public static final int WINDOW_SECONDS = 120;

    private static final Pattern NUMERIC_SEGMENT = Pattern.compile("/\\d+(?=/|$)");

    private final LongAdder logins = new LongAdder();
    private final LongAdder failedLogins = new LongAdder();
    private final LongAdder requests = new LongAdder();
    private final ConcurrentHashMap<String, LongAdder> byEndpoint = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, LongAdder> bySecond = new ConcurrentHashMap<>();
    private final AtomicLong inFlight = new AtomicLong();
    private final AtomicLong inFlightMax = new AtomicLong();
    private final Clock clock;

    public SimStats(Clock clock) {
        this.clock = clock;
    }

    /** Counts one API request under "METHOD /path/{id}/" (ids folded so one endpoint is one key). */
    public void recordRequest(String method, String path) {
        requests.increment();
        byEndpoint
                .computeIfAbsent(method + " " + NUMERIC_SEGMENT.matcher(path).replaceAll("/{id}"), k -> new LongAdder())
                .increment();
        long second = clock.millis() / 1000;
        bySecond.computeIfAbsent(second, k -> new LongAdder()).increment();
        if (bySecond.size() > WINDOW_SECONDS + 10) {
            bySecond.keySet().removeIf(s -> s <= second - WINDOW_SECONDS);
        }
    }

    /** An API request arrived; pair with {@link #requestFinished()}. */
    public void requestStarted() {
        long now = inFlight.incrementAndGet();
        inFlightMax.accumulateAndGet(now, Math::max);
    }

    /** An API request was answered, failed, or its connection went away. */
    public void requestFinished() {
        inFlight.decrementAndGet();
    }

    /** API requests received and not yet answered. */
    public long inFlight() {
        return inFlight.get();
    }

    /** The most API requests in flight at once since the last reset. */
    public long inFlightMax() {
        return inFlightMax.get();
    }

    public void recordLogin(boolean succeeded) {
        (succeeded ? logins : failedLogins).increment();
    }

    public long logins() {
        return logins.sum();
    }

    public long failedLogins() {
        return failedLogins.sum();
    }

    public long requests() {
        return requests.sum();
    }

    public Map<String, Long> requestsByEndpoint() {
        Map<String, Long> out = new TreeMap<>();
        byEndpoint.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Epoch second to request count, for the last {@link #WINDOW_SECONDS} seconds (quiet seconds are absent). */
    public SortedMap<Long, Long> requestsPerSecond() {
        long now = clock.millis() / 1000;
        SortedMap<Long, Long> out = new TreeMap<>();
        bySecond.forEach((s, n) -> {
            if (s > now - WINDOW_SECONDS) {
                out.put(s, n.sum());
            }
        });
        return out;
    }

    /** The busiest second in the window; what a rate-limit check compares against. */
    public long maxRequestsPerSecond() {
        return requestsPerSecond().values().stream()
                .mapToLong(Long::longValue)
                .max()
                .orElse(0);
    }

    /** Zeroes the counters; {@code inFlight} is live, so it stays and becomes the new {@code inFlightMax} floor. */
    public void reset() {
        inFlightMax.set(inFlight.get());
        logins.reset();
        failedLogins.reset();
        requests.reset();
        byEndpoint.clear();
        bySecond.clear();
    }
}
