package io.gatesync.common.metrics;

import java.time.Duration;
import java.util.function.DoubleSupplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Gauges whose value is a SQL query (a backlog, the age of the oldest pending row), read at most once per
 * {@code maxAge} however often Prometheus scrapes, and NaN while the database does not answer ({@link CachedValue}).
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
            Object value =
                    jdbc.sql(sql).query((rs, n) -> rs.getObject(1)).optional().orElse(null);
            return value instanceof Number number ? number.doubleValue() : 0;
        };
        CachedValue cached = new CachedValue(query, maxAge);
        // strong: nothing else holds the cache, and a weakly held gauge object turns into NaN after a GC
        Gauge.builder(name, cached, CachedValue::value)
                .description(description)
                .tags(tags)
                .strongReference(true)
                .register(registry);
    }
}
