package io.gatesync.worker.attendance;

import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.gatesync.common.config.InvalidSettingException;

/**
 * The attendance pull's own settings ({@code gatesync.pull.*}), the state policy's texts (see {@link PunchPolicy});
 * checked while binding, so a bad value stops start-up with one line naming the variable.
 *
 * @param otherStates   GATESYNC_PULL_OTHER_STATES, states 2–5: {@code skip}, {@code as-entry-exit},
 *                      {@code alternate} or {@code first-in-last-out}
 * @param unknownState  GATESYNC_PULL_UNKNOWN_STATE, state 255: {@code alternate}, {@code first-in-last-out} or
 *                      {@code skip}
 * @param terminals     GATESYNC_PULL_TERMINALS: {@code SN=in|out|alternate|first-in-last-out|as-sent,…} and
 *                      {@code *=park}
 * @param bounceSeconds GATESYNC_PULL_BOUNCE_SECONDS: a punch this close after the same person's on the same terminal
 *                      is a bounce (0 turns it off)
 * @param terminalSilentAfter GATESYNC_PULL_TERMINAL_SILENT_AFTER: a terminal that has not spoken to BioTime for
 *                      longer is silent ({@link TerminalWatch})
 * @param importThreads GATESYNC_PULL_IMPORT_THREADS: a worker's import transactions at once (a page's batches hold
 *                      different people and are imported side by side)
 */
@ConfigurationProperties("gatesync.pull")
public record PullSettings(
        @DefaultValue("skip") String otherStates,
        @DefaultValue("alternate") String unknownState,
        @DefaultValue("") String terminals,
        @DefaultValue("3") int bounceSeconds,
        @DefaultValue("30m") Duration terminalSilentAfter,
        @DefaultValue("4") int importThreads) {

    public PullSettings {
        if (terminalSilentAfter.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new InvalidSettingException(
                    "GATESYNC_PULL_TERMINAL_SILENT_AFTER",
                    terminalSilentAfter.toString(),
                    "a duration of at least 1m, e.g. 30m or 2h");
        }
        if (importThreads < 1 || importThreads > 32) {
            throw new InvalidSettingException(
                    "GATESYNC_PULL_IMPORT_THREADS",
                    Integer.toString(importThreads),
                    "a number from 1 to 32 (the database pool has 32 connections)");
        }
        PunchPolicy.of(otherStates, unknownState, terminals, bounceSeconds, ZoneId.of("UTC")); // fields unset yet
    }

    public PunchPolicy policy(ZoneId zone) {
        return PunchPolicy.of(otherStates, unknownState, terminals, bounceSeconds, zone);
    }
}
