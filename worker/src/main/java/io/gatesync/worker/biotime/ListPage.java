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

    /**
     * Whether this page was the last, {@code readSoFar} rows having been read with it: by {@code count}, which every
     * build sends, never by a short page (a server may cap page_size below what was asked, and page numbers then
     * count its pages). Without a count, an empty page ends the list.
     */
    public boolean isLast(long readSoFar) {
        return items().isEmpty() || count != null && readSoFar >= count;
    }

    public List<T> items() {
        if (data != null) {
            return data;
        }
        return results == null ? List.of() : results;
    }
}
