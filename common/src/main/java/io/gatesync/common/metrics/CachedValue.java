package io.gatesync.common.metrics;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;

/**
 * A gauge's value that costs a round trip (a SQL query, a passive queue declare): read at most once per
 * {@code maxAge} however often Prometheus scrapes, and NaN while the source does not answer.
 */
public final class CachedValue {

    private final DoubleSupplier source;
    private final long maxAgeNanos;
    private final AtomicReference<double[]> last = new AtomicReference<>(); // {value, readAtNanos}

    public CachedValue(DoubleSupplier source, Duration maxAge) {
        this.source = source;
        this.maxAgeNanos = maxAge.toNanos();
    }

    public double value() {
        double[] seen = last.get();
        if (seen != null && System.nanoTime() - (long) seen[1] < maxAgeNanos) {
            return seen[0];
        }
        try {
            double value = source.getAsDouble();
            last.set(new double[] {value, System.nanoTime()});
            return value;
        } catch (RuntimeException unreachable) {
            return Double.NaN;
        }
    }
}
