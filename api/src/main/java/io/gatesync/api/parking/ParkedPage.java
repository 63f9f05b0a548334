package io.gatesync.api.parking;

import java.util.List;
import java.util.Map;

/**
 * A page of parked punches (oldest parked first) and, whatever the filter, how many wait for each reason.
 *
 * @param retryNote when a requested retry happens
 */
public record ParkedPage(
        List<ParkedView> content,
        int page,
        int size,
        long totalElements,
        long totalPages,
        Map<String, Long> countsByReason,
        long total,
        String retryNote) {}
