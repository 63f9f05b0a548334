package io.gatesync.common.metrics;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;

import org.springframework.jdbc.core.simple.JdbcClient;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * Gauges whose value is a SQL query (a backlog, the age of the oldest pending row), read at most once per
 * {@code maxAge} however often Prometheus scrapes, and NaN while the database does not answer.
 */
public class DbGauges {

    private final JdbcClient jdbc;
    private final MeterRegistry registry;
    private final Duration maxAge;

    public DbGauges(JdbcClient jdbc, MeterRegistry registry, Duration maxAge) {
        this.jdbc = jdbc;
        this.registry = registry;
        this.maxAge = maxAge;
    }

    /** {@code sql} returns one number (NULL counts as 0, e.g. the age of the oldest row of an empty backlog). */
    public void register(String name, String description, Tags tags, String sql) {
        DoubleSupplier query = () -> {
            Object value = jdbc.sql(sql).query((rs, n) -> rs.getObject(1)).optional().orElse(null);
            return value instanceof Number number ? number.doubleValue() : 0;
        };
        Cached cached = new Cached(query, maxAge.toNanos());
        // strong: nothing else holds the cache, and a weakly held gauge object turns into NaN after a GC
        Gauge.builder(name, cached, Cached::value).description(description).tags(tags).strongReference(true)
                .register(registry);
    }

    private static final class Cached {
        private final DoubleSupplier query;
        private final long maxAgeNanos;
        private final AtomicReference<double[]> last = new AtomicReference<>(); // {value, readAtNanos}

        Cached(DoubleSupplier query, long maxAgeNanos) {
            this.query = query;
            this.maxAgeNanos = maxAgeNanos;
        }

        double value() {
            double[] seen = last.get();
            if (seen != null && System.nanoTime() - (long) seen[1] < maxAgeNanos) {
                return seen[0];
            }
            try {
                double value = query.getAsDouble();
                last.set(new double[] { value, System.nanoTime() });
                return value;
            } catch (RuntimeException databaseDown) {
                return Double.NaN;
            }
        }
    }
}
