package io.gatesync.worker.biotime;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.gatesync.common.config.InvalidSettingException;

/**
 * The {@code adms} punch channel's uploads ({@code gatesync.adms.*}, {@link AdmsChannel}); checked while binding.
 *
 * @param maxBatch GATESYNC_ADMS_MAX_BATCH: the most punches in one upload
 * @param linger   GATESYNC_ADMS_LINGER: how long a first punch waits for others to join its upload
 */
@ConfigurationProperties("gatesync.adms")
public record AdmsSettings(
        @DefaultValue("200") int maxBatch,
        @DefaultValue("50ms") Duration linger) {

    public AdmsSettings {
        if (maxBatch < 1) {
            throw new InvalidSettingException("GATESYNC_ADMS_MAX_BATCH", Integer.toString(maxBatch), "1 or more");
        }
        if (linger.isNegative()) {
            throw new InvalidSettingException("GATESYNC_ADMS_LINGER", linger.toString(), "0 or a positive duration");
        }
    }
}
