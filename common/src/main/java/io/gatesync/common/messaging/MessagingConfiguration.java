package io.gatesync.common.messaging;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.support.converter.JacksonJsonMessageConverter;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import tools.jackson.databind.json.JsonMapper;

import io.gatesync.common.config.ZktecoProperties;

/** Declares the topology on the broker (through Spring's RabbitAdmin) and sets JSON as the message format. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AmqpProperties.class)
public class MessagingConfiguration {

    @Bean
    CommandTopology commandTopology(AmqpProperties settings, ZktecoProperties zkteco) {
        return new CommandTopology(settings, zkteco.retryDelays());
    }

    @Bean
    Declarables gatesyncTopology(CommandTopology topology) {
        return new Declarables(topology.declarables());
    }

    @Bean
    PublishedCommands publishedCommands(MeterRegistry registry) {
        return new PublishedCommands(registry);
    }

    /** Primary: listeners and templates use JSON unless they name another converter (the worker's raw one). */
    @Bean
    @Primary
    MessageConverter jsonMessageConverter(JsonMapper jsonMapper) {
        JacksonJsonMessageConverter converter = new JacksonJsonMessageConverter(jsonMapper);
        // Listeners declare the record they take; no __TypeId__ header is needed or trusted.
        converter.setAlwaysConvertToInferredType(true);
        return converter;
    }
}
