package io.gatesync.api.security;

import java.time.Duration;
import java.util.List;

/** For unit tests: the security settings as they stand when none is set (each {@code @DefaultValue}). */
final class DefaultSecuritySettings {

    private DefaultSecuritySettings() {}

    /** The defaults, with these trusted proxies (none by default). */
    static SecuritySettings trusting(String... proxies) {
        return new SecuritySettings(
                Duration.ofSeconds(5),
                5,
                20,
                Duration.ofMinutes(15),
                Duration.ofMinutes(15),
                Duration.ofMinutes(5),
                List.of(proxies));
    }
}
