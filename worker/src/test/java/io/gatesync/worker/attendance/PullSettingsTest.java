package io.gatesync.worker.attendance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.ZoneId;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import io.gatesync.common.config.InvalidSettingFailureAnalyzer;
import io.gatesync.common.pull.ParkReason;

class PullSettingsTest {

    private static PullSettings bind(Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("gatesync.pull", PullSettings.class);
    }

    @Test
    void defaultsAreSkipForStatesTwoToFiveAlternateFor255AndThreeSecondBounces() {
        PullSettings defaults = bind(Map.of());
        assertThat(defaults)
                .isEqualTo(new PullSettings("skip", "alternate", "", 3, java.time.Duration.ofMinutes(30), 4));
        PunchPolicy policy = defaults.policy(ZoneId.of("UTC"));
        assertThat(policy.rule(255, "255", "T1").rule()).isEqualTo(PunchPolicy.Rule.ALTERNATE);
        assertThat(policy.rule(2, "2", "T1").parked()).isEqualTo(ParkReason.STATE_SKIPPED);
        assertThat(bind(Map.of("gatesync.pull.other-states", "as-entry-exit"))
                        .policy(ZoneId.of("UTC"))
                        .rule(3, "3", "T1")
                        .rule())
                .isEqualTo(PunchPolicy.Rule.IN);
    }

    @Test
    void badTerminalListsAndStatePoliciesNameTheVariable() {
        assertThat(message(Map.of("gatesync.pull.terminals", "GATE1")))
                .startsWith("Invalid setting: GATESYNC_PULL_TERMINALS=GATE1 is not allowed: use SN=in|out");
        assertThat(message(Map.of("gatesync.pull.terminals", "GATE1=park"))).contains("*=park");
        assertThat(message(Map.of("gatesync.pull.unknown-state", "as-entry-exit")))
                .isEqualTo(
                        "Invalid setting: GATESYNC_PULL_UNKNOWN_STATE=as-entry-exit is not allowed: use skip, alternate or "
                                + "first-in-last-out");
        assertThat(message(Map.of("gatesync.pull.bounce-seconds", "-1"))).contains("GATESYNC_PULL_BOUNCE_SECONDS");
    }

    private static String message(Map<String, String> values) {
        return new InvalidSettingFailureAnalyzer()
                .analyze(catchThrowable(() -> bind(values)))
                .getDescription();
    }

    @Test
    void aBadPolicyStopsStartUpWithOneLineNamingTheVariable() {
        Throwable failure = catchThrowable(() -> bind(Map.of("gatesync.pull.other-states", "count-all")));
        assertThat(new InvalidSettingFailureAnalyzer().analyze(failure).getDescription())
                .isEqualTo(
                        "Invalid setting: GATESYNC_PULL_OTHER_STATES=count-all is not allowed: use skip, as-entry-exit, "
                                + "alternate or first-in-last-out");
    }
}
