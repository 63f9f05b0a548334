package io.gatesync.api;

import static io.gatesync.testsupport.EnvironmentBinding.bind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;

import io.gatesync.api.event.IngestSettings;
import io.gatesync.api.outbox.OutboxSettings;

/** The api's settings records bind from the environment names their comments give, and default without them. */
class SettingsNamesTest {

    @Test
    void ingestSettingsBindFromTheirEnvironmentNames() {
        assertThat(bind("gatesync.ingest", IngestSettings.class, Map.of()))
                .isEqualTo(new IngestSettings(4, 500, 20000));
        assertThat(bind(
                        "gatesync.ingest",
                        IngestSettings.class,
                        Map.of(
                                "GATESYNC_INGEST_WRITERS", "2",
                                "GATESYNC_INGEST_MAX_BATCH", "50",
                                "GATESYNC_INGEST_MAX_WAITING", "300")))
                .isEqualTo(new IngestSettings(2, 50, 300));
        assertThatThrownBy(
                        () -> bind("gatesync.ingest", IngestSettings.class, Map.of("GATESYNC_INGEST_MAX_BATCH", "0")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("GATESYNC_INGEST_MAX_BATCH=0 is not allowed");
    }

    @Test
    void outboxSettingsBindFromTheirEnvironmentNames() {
        assertThat(bind("gatesync.outbox", OutboxSettings.class, Map.of()))
                .isEqualTo(new OutboxSettings(500, Duration.ofSeconds(1), Duration.ofSeconds(10)));
        assertThat(bind(
                        "gatesync.outbox",
                        OutboxSettings.class,
                        Map.of(
                                "GATESYNC_OUTBOX_BATCH_SIZE", "100",
                                "GATESYNC_OUTBOX_POLL_INTERVAL", "250ms",
                                "GATESYNC_OUTBOX_CONFIRM_TIMEOUT", "3s")))
                .isEqualTo(new OutboxSettings(100, Duration.ofMillis(250), Duration.ofSeconds(3)));
    }
}
