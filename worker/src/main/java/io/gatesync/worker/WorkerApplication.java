package io.gatesync.worker;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

import io.gatesync.common.config.RuntimeSettingsConfiguration;
import io.gatesync.common.db.DatabaseConfiguration;
import io.gatesync.common.messaging.MessagingConfiguration;

/** A worker: consumes sync commands and carries them out against BioTime. Run as many as the load needs. */
@SpringBootApplication
@EnableScheduling
@Import({DatabaseConfiguration.class, RuntimeSettingsConfiguration.class, MessagingConfiguration.class})
public class WorkerApplication {

    /** Its own config file name, so a worker can share a classpath with the api in end-to-end tests. */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(WorkerApplication.class).properties("spring.config.name=gatesync-worker");
    }

    public static void main(String[] args) {
        builder().run(args);
    }
}
