package io.gatesync.worker.command;

import java.time.Duration;

import org.springframework.amqp.rabbit.config.ContainerCustomizer;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.amqp.support.converter.SimpleMessageConverter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.amqp.autoconfigure.SimpleRabbitListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.gatesync.common.messaging.CommandGroups;
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
     * Entry syncs come in batches of the punch channel's size (one message for transaction-api and manual-log; an
     * upload's worth for adms, whose one request carries them all). A batch waits at most
     * {@code receive-timeout} for each next message, so a quiet queue is not slowed down.
     */
    @Bean(ENTRY_SYNC_BATCHES)
    SimpleRabbitListenerContainerFactory entrySyncBatches(
            SimpleRabbitListenerContainerFactoryConfigurer configurer,
            ConnectionFactory connectionFactory,
            PunchChannel channel,
            ContainerCustomizer<SimpleMessageListenerContainer> gracefulShutdown,
            @Value("${gatesync.entry-sync.receive-timeout:50ms}") Duration receiveTimeout) {
        SimpleRabbitListenerContainerFactory factory = new SimpleRabbitListenerContainerFactory();
        configurer.configure(factory, connectionFactory);
        // in messages: most carry a group of commands (CommandGroups), so an upload's worth for adms is a tenth
        int batch = Math.max(1, channel.batchSize() / CommandGroups.MAX_SIZE);
        factory.setBatchListener(true);
        factory.setConsumerBatchEnabled(true);
        factory.setBatchSize(batch);
        if (batch > 1) {
            factory.setReceiveTimeout(receiveTimeout.toMillis()); // else the default: idle consumers wake up less
        }
        // A consumer holds no more than one batch: what a worker holds waits for that worker's share of the
        // in-flight budget while other workers may idle.
        factory.setPrefetchCount(batch);
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
