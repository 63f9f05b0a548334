package io.gatesync.worker.attendance;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The attendance pull's own settings ({@code gatesync.pull.*}).
 *
 * @param otherStates GATESYNC_PULL_OTHER_STATES: {@code skip} or {@code as-entry-exit} (see {@link OtherStates});
 *                    checked while binding, so a bad value stops start-up with one line naming the variable
 */
@ConfigurationProperties("gatesync.pull")
public record PullSettings(@DefaultValue("skip") String otherStates) {

    public PullSettings {
        OtherStates.parse(otherStates);
    }

    public OtherStates policy() {
        return OtherStates.parse(otherStates);
    }
}
