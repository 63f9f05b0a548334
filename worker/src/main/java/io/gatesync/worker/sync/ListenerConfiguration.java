package io.gatesync.worker.sync;

import java.time.Duration;

import org.springframework.amqp.rabbit.config.ContainerCustomizer;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.amqp.support.converter.SimpleMessageConverter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.amqp.autoconfigure.RabbitProperties;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.gatesync.worker.biotime.PunchChannel;

/** How the consumers receive and stop. */
@Configuration(proxyBeanMethods = false)
public class ListenerConfiguration {

    /**
     * Listeners take the raw message and read it themselves ({@link CommandRunner}), so that a body that is not
     * even JSON is dead-lettered with its reason like any other failure, instead of failing in the container.
     */
    public static final String RAW_BODIES = "rawBodies";

    @Bean(RAW_BODIES)
    MessageConverter rawBodies() {
        return new SimpleMessageConverter();
    }

    /** The container factory of the entry-sync listener: it takes entry syncs in batches. */
    public static final String ENTRY_SYNC_BATCHES = "entrySyncBatches";

    /**
     * Entry syncs come in batches of the punch channel's size (one for transaction-api and manual-log, so nothing
     * changes there; an upload's worth for adms, whose one request carries them all). A batch waits at most
     * {@code receive-timeout} for each next message, so a quiet queue is not slowed down.
     */
    @Bean(ENTRY_SYNC_BATCHES)
    SimpleRabbitListenerContainerFactory entrySyncBatches(SimpleRabbitListenerContainerFactoryConfigurer configurer,
            ConnectionFactory connectionFactory, PunchChannel channel, RabbitProperties rabbit,
            ContainerCustomizer<SimpleMessageListenerContainer> gracefulShutdown,
            @Value("${gatesync.entry-sync.receive-timeout:50ms}") Duration receiveTimeout) {
        SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
        configurer.configure(factory, connectionFactory);
        int batch = channel.batchSize();
        factory.setBatchListener(true);
        factory.setConsumerBatchEnabled(true);
        factory.setBatchSize(batch);
        if (batch > 1) {
            factory.setReceiveTimeout(receiveTimeout.toMillis()); // else the default: idle consumers wake up less
        }
        Integer prefetch = rabbit.getListener().getSimple().getPrefetch();
        factory.setPrefetchCount(Math.max(batch, prefetch == null ? 1 : prefetch));
        factory.setContainerCustomizer(gracefulShutdown);
        return factory;
    }

    /** On SIGTERM the consumers finish the commands in hand; what they had not started is requeued. */
    @Bean
    ContainerCustomizer<SimpleMessageListenerContainer> gracefulShutdown(
            @Value("${gatesync.shutdown-timeout:30s}") Duration timeout) {
        return container -> container.setShutdownTimeout(timeout.toMillis());
    }
}
