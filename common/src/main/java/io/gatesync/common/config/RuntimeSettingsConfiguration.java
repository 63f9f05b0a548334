package io.gatesync.common.config;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import io.gatesync.common.schedule.ScheduleSettings;

/**
 * The settings in force at run time (environment, secret files, the operator's overrides); for the api and the
 * worker.
 */
@Configuration(proxyBeanMethods = false)
@Import({ZktecoConfiguration.class, SecretFiles.class})
@EnableConfigurationProperties(ScheduleSettings.class)
public class RuntimeSettingsConfiguration {

    @Bean
    RuntimeSettings runtimeSettings(
            JdbcClient jdbc,
            TransactionTemplate tx,
            ConfigurableEnvironment environment,
            @Value("${gatesync.settings.refresh:10s}") Duration refresh) {
        return new RuntimeSettings(jdbc, tx, environment, refresh);
    }
}
