package io.gatesync.worker.command;

import java.time.Duration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;

import io.gatesync.common.messaging.CommandTopology;
import io.gatesync.common.metrics.CachedValue;

/**
 * Queue depth as the app sees it (messages ready in each GateSync queue: work, delay and dead-letter queues), for
 * brokers without the rabbitmq_prometheus plugin. Every worker reports the same broker-wide values, so take the max
 * across instances. A passive declare per queue, at most once per {@code gatesync.metrics.queue-max-age}.
 */
@Configuration(proxyBeanMethods = false)
public class QueueMetrics {

    public QueueMetrics(
            AmqpAdmin admin,
            CommandTopology topology,
            MeterRegistry registry,
            @Value("${gatesync.metrics.queue-max-age:10s}") Duration maxAge) {
        for (String queue : topology.allQueues()) {
            CachedValue depth = new CachedValue(
                    () -> {
                        QueueInformation info = admin.getQueueInfo(queue);
                        return info == null ? Double.NaN : info.getMessageCount();
                    },
                    maxAge);
            Gauge.builder("gatesync.queue.messages", depth, CachedValue::value)
                    .description("Messages ready in a GateSync queue (NaN while the broker does not answer)")
                    .tag("queue", queue)
                    .strongReference(true)
                    .register(registry);
        }
    }
}
