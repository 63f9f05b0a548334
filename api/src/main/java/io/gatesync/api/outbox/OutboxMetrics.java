package io.gatesync.api.outbox;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import io.gatesync.common.metrics.DbGauges;

/** What ops watch of the outbox: rows not yet confirmed by the broker, and how long the oldest has waited. */
@Configuration(proxyBeanMethods = false)
public class OutboxMetrics {

    public OutboxMetrics(
            JdbcClient jdbc,
            MeterRegistry registry,
            @Value("${gatesync.metrics.db-gauge-max-age:10s}") Duration maxAge) {
        DbGauges gauges = new DbGauges(jdbc, registry, maxAge);
        gauges.register(
                "gatesync.outbox.pending",
                "Commands in the outbox, not yet confirmed by RabbitMQ",
                Tags.empty(),
                "SELECT COALESCE(SUM(commands), 0) FROM outbox");
        gauges.register(
                "gatesync.outbox.oldest.age.seconds",
                "Age of the oldest outbox row",
                Tags.empty(),
                "SELECT TIMESTAMPDIFF(MICROSECOND, MIN(created_at), UTC_TIMESTAMP(3)) / 1000000 FROM outbox");
    }
}
