package io.gatesync.api.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import io.gatesync.common.config.InvalidSettingException;

/** The security settings bind from the variables docs/security.md names, with its defaults, and refuse bad values. */
class SecuritySettingsTest {

    private static Binder environment(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment
                .getPropertySources()
                .replace(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        new SystemEnvironmentPropertySource(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        return new Binder(ConfigurationPropertySources.get(environment));
    }

    @Test
    void theDefaultsAreAFiveSecondCacheAndFiveFailuresIn15MinutesLockingFor15MinutesAndNoTrustedProxy() {
        SecuritySettings settings = environment(Map.of()).bindOrCreate("gatesync.security", SecuritySettings.class);
        assertThat(settings)
                .isEqualTo(new SecuritySettings(
                        Duration.ofSeconds(5),
                        5,
                        20,
                        Duration.ofMinutes(15),
                        Duration.ofMinutes(15),
                        Duration.ofMinutes(5),
                        List.of()));
    }

    @Test
    void everySettingHasItsVariable() {
        Map<String, Object> variables = new HashMap<>(Map.of(
                "GATESYNC_SECURITY_CACHE_FOR",
                "1s",
                "GATESYNC_SECURITY_MAX_LOGIN_FAILURES",
                "3",
                "GATESYNC_SECURITY_MAX_LOGIN_FAILURES_PER_ADDRESS",
                "9",
                "GATESYNC_SECURITY_LOGIN_WINDOW",
                "5m",
                "GATESYNC_SECURITY_LOCK_FOR",
                "1h",
                "GATESYNC_SECURITY_MAX_LOGIN_DELAY",
                "30s",
                "GATESYNC_SECURITY_TRUSTED_PROXIES",
                "10.0.0.5, 10.1.0.0/16,2001:db8::/32"));
        variables.putAll(Map.of(
                "GATESYNC_ADMIN_USERNAME",
                "boss",
                "GATESYNC_ADMIN_PASSWORD",
                "boss-password-1",
                "GATESYNC_METRICS_USERNAME",
                "prometheus",
                "GATESYNC_METRICS_PASSWORD",
                "scrape-password-1"));
        Binder binder = environment(variables);
        assertThat(binder.bindOrCreate("gatesync.security", SecuritySettings.class))
                .isEqualTo(new SecuritySettings(
                        Duration.ofSeconds(1),
                        3,
                        9,
                        Duration.ofMinutes(5),
                        Duration.ofHours(1),
                        Duration.ofSeconds(30),
                        List.of("10.0.0.5", "10.1.0.0/16", "2001:db8::/32")));
        assertThat(binder.bindOrCreate("gatesync.admin", AdminSettings.class))
                .isEqualTo(new AdminSettings("boss", "boss-password-1"));
        assertThat(binder.bindOrCreate("gatesync.metrics", MetricsSettings.class))
                .isEqualTo(new MetricsSettings("prometheus", "scrape-password-1"));
    }

    @Test
    void theAdminPasswordIsOptionalAndTheUserNameDefaultsToAdmin() {
        AdminSettings admin = environment(Map.of()).bindOrCreate("gatesync.admin", AdminSettings.class);
        assertThat(admin.username()).isEqualTo("admin");
        assertThat(admin.password()).isNull();
        assertThat(environment(Map.of())
                        .bindOrCreate("gatesync.metrics", MetricsSettings.class)
                        .enabled())
                .isFalse();
    }

    @Test
    void badValuesNameTheirVariableAndNeverShowAPassword() {
        assertThatThrownBy(() -> environment(Map.of("GATESYNC_SECURITY_LOCK_FOR", "0s"))
                        .bindOrCreate("gatesync.security", SecuritySettings.class))
                .isInstanceOf(BindException.class)
                .rootCause()
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("GATESYNC_SECURITY_LOCK_FOR=PT0S is not allowed: use a duration above 0, e.g. 15m");
        assertThatThrownBy(() -> environment(Map.of("GATESYNC_SECURITY_TRUSTED_PROXIES", "10.0.0.5,proxy.local"))
                        .bindOrCreate("gatesync.security", SecuritySettings.class))
                .rootCause()
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("GATESYNC_SECURITY_TRUSTED_PROXIES=10.0.0.5,proxy.local is not allowed: use a "
                        + "comma-separated list of IP addresses or CIDR ranges, e.g. 10.0.0.5,10.1.0.0/16 "
                        + "('proxy.local' is neither)");
        assertThatThrownBy(() -> environment(Map.of("GATESYNC_SECURITY_MAX_LOGIN_DELAY", "500ms"))
                        .bindOrCreate("gatesync.security", SecuritySettings.class))
                .rootCause()
                .hasMessageStartingWith("GATESYNC_SECURITY_MAX_LOGIN_DELAY=PT0.5S is not allowed");
        assertThatThrownBy(() -> environment(Map.of(
                                "GATESYNC_METRICS_USERNAME", "prometheus", "GATESYNC_METRICS_PASSWORD", "too-short"))
                        .bindOrCreate("gatesync.metrics", MetricsSettings.class))
                .rootCause()
                .hasMessageStartingWith("GATESYNC_METRICS_PASSWORD=(hidden) is not allowed")
                .hasMessageNotContaining("too-short");
        assertThatThrownBy(() -> environment(Map.of("GATESYNC_METRICS_PASSWORD", "long-enough-password"))
                        .bindOrCreate("gatesync.metrics", MetricsSettings.class))
                .rootCause()
                .hasMessageStartingWith("GATESYNC_METRICS_USERNAME=(empty) is not allowed");
        assertThatThrownBy(() -> environment(Map.of("GATESYNC_ADMIN_USERNAME", "no spaces"))
                        .bindOrCreate("gatesync.admin", AdminSettings.class))
                .rootCause()
                .hasMessageContaining("letters, digits, dots, dashes, underscores or @");
    }
}
