package io.gatesync.api.web;

import java.util.List;

/** One page of a list; {@code page} counts from 0. */
public record Page<T>(List<T> content, int page, int size, long totalElements, long totalPages) {

    public static <T> Page<T> of(List<T> content, PageRequest request, long total) {
        return new Page<>(
                content, request.page(), request.size(), total, (total + request.size() - 1) / request.size());
    }
}
