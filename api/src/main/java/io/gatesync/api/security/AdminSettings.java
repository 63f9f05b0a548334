package io.gatesync.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

import io.gatesync.common.config.InvalidSettingException;

/**
 * The first admin, from {@code GATESYNC_ADMIN_USERNAME} / {@code GATESYNC_ADMIN_PASSWORD}. There is no built-in
 * password: the app does not start without one (the local run script makes one and prints it).
 */
@ConfigurationProperties("gatesync.admin")
public record AdminSettings(String username, String password) {

    public AdminSettings {
        if (username == null || username.isBlank()) {
            throw new InvalidSettingException("GATESYNC_ADMIN_USERNAME", "(empty)", "the first admin's user name");
        }
        if (password == null || password.length() < 8) {
            throw new InvalidSettingException("GATESYNC_ADMIN_PASSWORD", "(hidden)",
                    "the first admin's password, at least 8 characters");
        }
    }

    @Override
    public String toString() {
        return "AdminSettings[username=" + username + ", password=(hidden)]";
    }
}
