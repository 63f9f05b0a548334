package io.gatesync.api.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.gatesync.common.config.InvalidSettingException;

/**
 * The outbox relay ({@code gatesync.outbox.*}, {@link OutboxRelay}); checked while binding.
 *
 * @param batchSize      GATESYNC_OUTBOX_BATCH_SIZE: rows claimed and published at a time
 * @param pollInterval   GATESYNC_OUTBOX_POLL_INTERVAL: how often it looks when no commit woke it
 * @param confirmTimeout GATESYNC_OUTBOX_CONFIRM_TIMEOUT: how long a batch waits for the broker's confirms
 */
@ConfigurationProperties("gatesync.outbox")
public record OutboxSettings(
        @DefaultValue("500") int batchSize,
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("10s") Duration confirmTimeout) {

    public OutboxSettings {
        if (batchSize < 1) {
            throw new InvalidSettingException("GATESYNC_OUTBOX_BATCH_SIZE", Integer.toString(batchSize), "1 or more");
        }
    }
}
