package io.gatesync.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

class ZktecoPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @Import(ZktecoConfiguration.class)
    static class OnlySettings {}

    private static ConfigurableApplicationContext start(String... properties) {
        return new SpringApplicationBuilder(OnlySettings.class)
                .web(WebApplicationType.NONE)
                .properties("spring.main.banner-mode=off", "logging.level.root=off")
                .properties(properties)
                .run();
    }

    private static String startupError(String... properties) {
        Throwable failure = null;
        try (ConfigurableApplicationContext ignored = start(properties)) {
            // started: no failure
        } catch (RuntimeException e) {
            failure = e;
        }
        assertThat(failure).as("start-up should fail").isNotNull();
        FailureAnalysis analysis = new InvalidSettingFailureAnalyzer().analyze(failure);
        assertThat(analysis).as("a GateSync analysis of " + failure).isNotNull();
        return analysis.getDescription();
    }

    @Test
    void defaultsAreTheIntegrationGuides() {
        try (ConfigurableApplicationContext context = start("zkteco.timezone=Asia/Karachi")) {
            ZktecoProperties s = context.getBean(ZktecoProperties.class);
            assertThat(s.baseUrl()).hasToString("http://localhost:8000");
            assertThat(s.username()).isEqualTo("admin");
            assertThat(s.password()).isEqualTo("admin");
            assertThat(s.autoSync()).isTrue();
            assertThat(s.syncInterval()).isEqualTo(5);
            assertThat(s.pullAttendance()).isTrue();
            assertThat(s.defaultDepartment()).isEqualTo(1);
            assertThat(s.defaultPosition()).isEqualTo(1);
            assertThat(s.defaultArea()).isEqualTo(1);
            assertThat(s.timezone()).isEqualTo(ZoneId.of("Asia/Karachi"));
            assertThat(s.punchChannel()).isEqualTo(ZktecoProperties.PunchChannel.TRANSACTION_API);
            assertThat(s.retryDelays())
                    .containsExactly(
                            Duration.ofSeconds(5),
                            Duration.ofSeconds(30),
                            Duration.ofMinutes(2),
                            Duration.ofMinutes(10));
        }
    }

    @Test
    void channelNamesAreReadAsWrittenInTheDocs() {
        try (ConfigurableApplicationContext context = start("zkteco.punch-channel=manual-log")) {
            assertThat(context.getBean(ZktecoProperties.class).punchChannel())
                    .isEqualTo(ZktecoProperties.PunchChannel.MANUAL_LOG);
        }
    }

    @Test
    void aSyncIntervalThatIsNotANumberNamesTheVariableAndWhatIsAllowed() {
        assertThat(startupError("zkteco.sync-interval=abc"))
                .contains("ZKTECO_SYNC_INTERVAL=abc")
                .contains("a whole number of minutes from 1 to 1440");
    }

    @Test
    void aSyncIntervalOfZeroNamesTheVariableAndWhatIsAllowed() {
        assertThat(startupError("zkteco.sync-interval=0"))
                .contains("ZKTECO_SYNC_INTERVAL=0")
                .contains("a whole number of minutes from 1 to 1440");
    }

    @Test
    void anUnknownTimeZoneIsRefused() {
        assertThat(startupError("zkteco.timezone=Mars/Olympus"))
                .contains("ZKTECO_TIMEZONE")
                .contains("IANA");
    }

    @Test
    void anUnknownPunchChannelIsRefused() {
        assertThat(startupError("zkteco.punch-channel=fax"))
                .contains("ZKTECO_PUNCH_CHANNEL=fax")
                .contains("transaction-api, manual-log or adms");
    }

    @Test
    void aPageSizeAboveBioTimesLimitIsRefused() {
        assertThat(startupError("zkteco.page-size=6000"))
                .contains("ZKTECO_PAGE_SIZE=6000")
                .contains("1 to 5000");
    }

    @Test
    void thePasswordNeverAppearsInErrorsOrToString() {
        assertThatThrownBy(() -> start("zkteco.password=")).hasStackTraceContaining("ZKTECO_PASSWORD");
        try (ConfigurableApplicationContext context = start("zkteco.password=s3cret-Value")) {
            assertThat(context.getBean(ZktecoProperties.class).toString()).doesNotContain("s3cret-Value");
        }
    }
}
