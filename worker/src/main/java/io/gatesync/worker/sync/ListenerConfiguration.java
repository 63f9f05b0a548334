package io.gatesync.worker.sync;

import java.time.Duration;

import org.springframework.amqp.rabbit.config.ContainerCustomizer;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.amqp.support.converter.SimpleMessageConverter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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

    /** On SIGTERM the consumers finish the commands in hand; what they had not started is requeued. */
    @Bean
    ContainerCustomizer<SimpleMessageListenerContainer> gracefulShutdown(
            @Value("${gatesync.shutdown-timeout:30s}") Duration timeout) {
        return container -> container.setShutdownTimeout(timeout.toMillis());
    }
}
