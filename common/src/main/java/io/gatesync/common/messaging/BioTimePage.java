package io.gatesync.common.messaging;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One page of a BioTime list, as the api answers it: BioTime's pages count from 1.
 *
 * @param count the rows in all, as BioTime counts them
 * @param size  the page size asked for (BioTime may cap it lower: then {@code items} is shorter)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record BioTimePage<T>(long count, int page, int size, List<T> items) {

    public BioTimePage {
        items = items == null ? List.of() : List.copyOf(items);
    }
}
