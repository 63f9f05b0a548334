package io.gatesync.worker.sync;

import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.ImmediateRequeueAmqpException;
import org.springframework.amqp.rabbit.retry.MessageRecoverer;
import org.springframework.boot.amqp.autoconfigure.RabbitListenerRetrySettingsCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the listener containers do with a failed command: retry in place (a few quick tries, with backoff) only
 * what can succeed later; after that, requeue a retryable failure (the quorum queue's delivery limit bounds the
 * loop) and dead-letter a permanent one at once.
 */
@Configuration(proxyBeanMethods = false)
public class ListenerFailureConfiguration {

    @Bean
    RabbitListenerRetrySettingsCustomizer retryOnlyWhatCanSucceed() {
        return settings -> settings.setExceptionPredicate(Failures::isRetryable);
    }

    @Bean
    MessageRecoverer requeueOrDeadLetter() {
        return (message, cause) -> {
            if (Failures.isRetryable(cause)) {
                throw new ImmediateRequeueAmqpException("Retry later: " + cause.getMessage(), cause);
            }
            throw new AmqpRejectAndDontRequeueException("Permanent failure: " + cause.getMessage(), cause);
        };
    }
}
