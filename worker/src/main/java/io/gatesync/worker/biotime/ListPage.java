package io.gatesync.worker.biotime;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * BioTime's list envelope. Builds differ: some put the rows under {@code data}, some under {@code results}.
 * {@code next} is only a hint (it may be the string "null" or name the server's internal host), so paging is
 * driven by page numbers and {@code count}, never by following it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ListPage<T>(Long count, List<T> data, List<T> results) {

    public List<T> items() {
        if (data != null) {
            return data;
        }
        return results == null ? List.of() : results;
    }
}
