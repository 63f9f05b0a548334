package io.gatesync.worker.attendance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import io.gatesync.common.config.InvalidSettingFailureAnalyzer;

class PullSettingsTest {

    private static PullSettings bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("gatesync.pull",
                PullSettings.class);
    }

    @Test
    void otherStatesAreSkippedUnlessAskedOtherwise() {
        assertThat(bind(Map.of()).policy()).isEqualTo(OtherStates.SKIP);
        assertThat(bind(Map.of("gatesync.pull.other-states", "as-entry-exit")).policy())
                .isEqualTo(OtherStates.AS_ENTRY_EXIT);
    }

    @Test
    void aBadPolicyStopsStartUpWithOneLineNamingTheVariable() {
        Throwable failure = catchThrowable(() -> bind(Map.of("gatesync.pull.other-states", "count-all")));
        assertThat(new InvalidSettingFailureAnalyzer().analyze(failure).getDescription()).isEqualTo(
                "Invalid setting: GATESYNC_PULL_OTHER_STATES=count-all is not allowed: use skip or as-entry-exit");
    }
}
