package io.gatesync.api.event;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.gatesync.common.config.InvalidSettingException;

/**
 * How gate events are written ({@code gatesync.ingest.*}, {@link EventWriter}); checked while binding.
 *
 * @param writers    GATESYNC_INGEST_WRITERS: threads writing events, each a transaction at a time
 * @param maxBatch   GATESYNC_INGEST_MAX_BATCH: the most waiting events one transaction takes
 * @param maxWaiting GATESYNC_INGEST_MAX_WAITING: events that may wait for a writer; more are refused with 503
 */
@ConfigurationProperties("gatesync.ingest")
public record IngestSettings(
        @DefaultValue("4") int writers,
        @DefaultValue("500") int maxBatch,
        @DefaultValue("20000") int maxWaiting) {

    public IngestSettings {
        positive("GATESYNC_INGEST_WRITERS", writers);
        positive("GATESYNC_INGEST_MAX_BATCH", maxBatch);
        positive("GATESYNC_INGEST_MAX_WAITING", maxWaiting);
    }

    private static void positive(String variable, int value) {
        if (value < 1) {
            throw new InvalidSettingException(variable, Integer.toString(value), "1 or more");
        }
    }
}
