package io.gatesync.api.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

import io.gatesync.common.config.InvalidSettingException;

/**
 * Applies the environment's admin while the context starts, before the server takes requests. At the first start
 * (no admin in the users table) {@code GATESYNC_ADMIN_PASSWORD} is required; later it is optional, and when given
 * it wins: the admin is re-created if deleted and gets that password, so an operator who lost every admin
 * password can always get back in by setting the variable and restarting.
 */
@Component
class FirstAdmin implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final AdminSettings settings;
    private final UserAccounts accounts;

    FirstAdmin(AdminSettings settings, UserAccounts accounts) {
        this.settings = settings;
        this.accounts = accounts;
    }

    @Override
    public void afterPropertiesSet() {
        if (settings.password() == null) {
            if (!accounts.anyAdmin()) {
                throw new InvalidSettingException(
                        "GATESYNC_ADMIN_PASSWORD",
                        "(empty)",
                        "the first admin's " + "password (no admin exists yet): " + Passwords.PASSWORD_RULE);
            }
            return;
        }
        switch (accounts.applyAdmin(settings.username(), settings.password())) {
            case CREATED ->
                log.info(
                        "Created admin '{}' from GATESYNC_ADMIN_USERNAME / GATESYNC_ADMIN_PASSWORD",
                        settings.username());
            case PASSWORD_CHANGED ->
                log.info("Set the password of admin '{}' from GATESYNC_ADMIN_PASSWORD", settings.username());
            case MADE_ADMIN -> log.info("Made '{}' an admin again (GATESYNC_ADMIN_USERNAME)", settings.username());
            case UNCHANGED -> log.debug("Admin '{}' is as GATESYNC_ADMIN_* say", settings.username());
        }
    }
}
