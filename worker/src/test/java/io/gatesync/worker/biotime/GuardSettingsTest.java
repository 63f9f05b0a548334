package io.gatesync.worker.biotime;

import static io.gatesync.testsupport.EnvironmentBinding.bind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;

/** The circuit's and the adms channel's settings bind from the environment names docs/configuration.md gives. */
class GuardSettingsTest {

    @Test
    void circuitSettingsBindFromTheirEnvironmentNames() {
        assertThat(bind("gatesync.circuit", CircuitSettings.class, Map.of()))
                .isEqualTo(new CircuitSettings(5, Duration.ofSeconds(10), Duration.ofMinutes(2)));
        assertThat(bind(
                        "gatesync.circuit",
                        CircuitSettings.class,
                        Map.of(
                                "GATESYNC_CIRCUIT_FAILURES", "3",
                                "GATESYNC_CIRCUIT_OPEN_FOR", "2s",
                                "GATESYNC_CIRCUIT_MAX_OPEN_FOR", "4s")))
                .isEqualTo(new CircuitSettings(3, Duration.ofSeconds(2), Duration.ofSeconds(4)));
        assertThatThrownBy(() -> bind(
                        "gatesync.circuit",
                        CircuitSettings.class,
                        Map.of("GATESYNC_CIRCUIT_OPEN_FOR", "5m", "GATESYNC_CIRCUIT_MAX_OPEN_FOR", "2m")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("GATESYNC_CIRCUIT_OPEN_FOR=PT5M");
    }

    @Test
    void admsSettingsBindFromTheirEnvironmentNames() {
        assertThat(bind("gatesync.adms", AdmsSettings.class, Map.of()))
                .isEqualTo(new AdmsSettings(200, Duration.ofMillis(50)));
        assertThat(bind(
                        "gatesync.adms",
                        AdmsSettings.class,
                        Map.of("GATESYNC_ADMS_MAX_BATCH", "20", "GATESYNC_ADMS_LINGER", "0ms")))
                .isEqualTo(new AdmsSettings(20, Duration.ZERO));
        assertThatThrownBy(() -> bind("gatesync.adms", AdmsSettings.class, Map.of("GATESYNC_ADMS_MAX_BATCH", "0")))
                .isInstanceOf(BindException.class)
                .rootCause()
                .hasMessageContaining("GATESYNC_ADMS_MAX_BATCH=0 is not allowed");
    }
}
