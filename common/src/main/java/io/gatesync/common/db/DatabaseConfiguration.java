package io.gatesync.common.db;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The database's beans for the api and the worker. */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    /** Replaces Spring Boot's template: every transaction of the apps starts over when the database rolled it back. */
    @Bean
    TransactionTemplate transactionTemplate(PlatformTransactionManager transactionManager) {
        return new RetryingTransactionTemplate(transactionManager);
    }
}
