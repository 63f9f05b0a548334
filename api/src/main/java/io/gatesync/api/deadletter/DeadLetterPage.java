package io.gatesync.api.deadletter;

import java.util.List;
import java.util.Map;

import io.gatesync.api.web.Page;

/**
 * A page of dead letters plus, for the same filter without {@code reason}, how many there are for each reason and
 * in all: what an operator needs to pick a replay.
 */
public record DeadLetterPage(
        List<DeadLetterView> content,
        int page,
        int size,
        long totalElements,
        long totalPages,
        Map<String, Long> countsByReason,
        long total) {

    static DeadLetterPage of(Page<DeadLetterView> page, Map<String, Long> countsByReason) {
        long total = countsByReason.values().stream().mapToLong(Long::longValue).sum();
        return new DeadLetterPage(
                page.content(),
                page.page(),
                page.size(),
                page.totalElements(),
                page.totalPages(),
                countsByReason,
                total);
    }
}
