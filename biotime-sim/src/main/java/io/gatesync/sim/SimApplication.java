package io.gatesync.sim;

import java.time.Clock;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * In-memory simulator of the ZKTeco BioTime 8.x REST API (plus the ADMS device push).
 *
 * <p>The excluded auto-configurations are absent from this module's own classpath but present on the
 * test classpaths of modules that start the simulator in-process (JDBC, Flyway, RabbitMQ, Spring Security);
 * without the exclusions the simulator would try to open a database or lock its endpoints behind a login.
 * Names of classes that are not on the classpath are ignored by Spring Boot.
 */
@SpringBootApplication(
        excludeName = {
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.JndiDataSourceAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.XADataSourceAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.health.DataSourceHealthContributorAutoConfiguration",
            "org.springframework.boot.jdbc.autoconfigure.metrics.DataSourcePoolMetricsAutoConfiguration",
            "org.springframework.boot.data.jdbc.autoconfigure.DataJdbcRepositoriesAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayEndpointAutoConfiguration",
            "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration",
            "org.springframework.boot.amqp.autoconfigure.health.RabbitHealthContributorAutoConfiguration",
            "org.springframework.boot.amqp.autoconfigure.metrics.RabbitMetricsAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
        })
@ConfigurationPropertiesScan
public class SimApplication {

    /**
     * The way to start the simulator, in-process or from main. Forces the reactive stack (a host classpath
     * may also carry servlet bits) and the {@code biotime-sim} config name (so a host's application.yml is ignored).
     */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(SimApplication.class)
                .web(WebApplicationType.REACTIVE)
                .properties("spring.config.name=biotime-sim");
    }

    public static void main(String[] args) {
        builder().run(args);
    }

    /** Injected everywhere "now" is needed, so token expiry and upload times stay testable. */
    @Bean
    Clock simClock() {
        return Clock.systemDefaultZone();
    }
}
