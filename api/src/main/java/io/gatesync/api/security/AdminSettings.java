package io.gatesync.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The environment's admin, from {@code GATESYNC_ADMIN_USERNAME} / {@code GATESYNC_ADMIN_PASSWORD}. There is no
 * built-in password: the password is required while the users table has no admin (the first start), optional
 * afterwards; when given, it is applied to that admin at every start ({@link FirstAdmin}).
 */
@ConfigurationProperties("gatesync.admin")
public record AdminSettings(@DefaultValue("admin") String username, String password) {

    public AdminSettings {
        Passwords.checkUsername("GATESYNC_ADMIN_USERNAME", username);
        password = password == null || password.isEmpty() ? null : password;
        if (password != null) {
            Passwords.checkPassword("GATESYNC_ADMIN_PASSWORD", password);
        }
    }

    @Override
    public String toString() {
        return "AdminSettings[username=" + username + ", password=" + (password == null ? "(none)" : "(hidden)") + "]";
    }
}
