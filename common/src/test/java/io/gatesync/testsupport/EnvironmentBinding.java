package io.gatesync.testsupport;

import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Binds a settings record as an app does from its environment variables (GATESYNC_OUTBOX_BATCH_SIZE, …). */
public final class EnvironmentBinding {

    private EnvironmentBinding() {}

    /** The record under {@code prefix}, from these variables; the source's name is what makes Boot map their names. */
    public static <T> T bind(String prefix, Class<T> type, Map<String, Object> variables) {
        return new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables)))
                .bindOrCreate(prefix, type);
    }
}
