package io.gatesync.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.gatesync.common.config.InvalidSettingException;

/**
 * The optional metrics user, from {@code GATESYNC_METRICS_USERNAME} / {@code GATESYNC_METRICS_PASSWORD}: it may read
 * {@code /actuator/prometheus} and nothing else, so Prometheus never holds an admin's password. It lives in the
 * environment only (not in the users table): rotate it by changing the variables and restarting.
 */
@ConfigurationProperties("gatesync.metrics")
public record MetricsSettings(String username, String password) {

    public MetricsSettings {
        username = username == null || username.isBlank() ? null : username;
        password = password == null || password.isEmpty() ? null : password;
        if (username == null && password != null) {
            throw new InvalidSettingException(
                    "GATESYNC_METRICS_USERNAME",
                    "(empty)",
                    "the metrics user's name, set together with GATESYNC_METRICS_PASSWORD");
        }
        if (username != null) {
            Passwords.checkUsername("GATESYNC_METRICS_USERNAME", username);
            if (password == null) {
                throw new InvalidSettingException(
                        "GATESYNC_METRICS_PASSWORD",
                        "(empty)",
                        Passwords.PASSWORD_RULE + ", set together with GATESYNC_METRICS_USERNAME");
            }
            Passwords.checkPassword("GATESYNC_METRICS_PASSWORD", password);
        }
    }

    boolean enabled() {
        return username != null;
    }

    @Override
    public String toString() {
        return "MetricsSettings[username=" + username + ", password=" + (password == null ? "(none)" : "(hidden)")
                + "]";
    }
}
