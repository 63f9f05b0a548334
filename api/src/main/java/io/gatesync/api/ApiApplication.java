package io.gatesync.api;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;

import io.gatesync.common.config.RuntimeSettingsConfiguration;
import io.gatesync.common.db.DatabaseConfiguration;
import io.gatesync.common.messaging.MessagingConfiguration;
import io.gatesync.common.synclog.SyncLog;

/** The api: gate ingest, people and entry logs, and the outbox relay that turns them into RabbitMQ commands. */
@SpringBootApplication
@EnableScheduling
@Import({DatabaseConfiguration.class, RuntimeSettingsConfiguration.class, MessagingConfiguration.class})
public class ApiApplication {

    /** Its own config file name, so the api can share a classpath with the worker in end-to-end tests. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(ApiApplication.class).properties("spring.config.name=gatesync-api");
    }

    /** The sync log's writer for the api's rows (manual syncs, replays, connection tests): their node is "api". */
    @Bean
    SyncLog syncLog(JdbcClient jdbc) {
        return new SyncLog(jdbc, "api");
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
