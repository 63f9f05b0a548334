package io.gatesync.sim.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.function.Function;

import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

import io.gatesync.sim.SimProperties;
import io.gatesync.sim.rules.SimRules;

/** DRF PageNumberPagination as BioTime configures it, including its quirky links. */
@Component
public class Paginator {

    public static final int DEFAULT_PAGE_SIZE = 10;
    public static final int MAX_PAGE_SIZE = 5000;

    /** How an absent next/previous link is written. */
    public enum NoLink {
        /** JSON null (employees, transactions). */
        JSON_NULL,
        /** The string "null", as the real department/area/position lists send it. */
        STRING_NULL
    }

    private final SimProperties props;
    private final SimRules rules;

    public Paginator(SimProperties props, SimRules rules) {
        this.props = props;
        this.rules = rules;
    }

    /** One page of {@code rows}, mapped to their wire shape, in the BioTime envelope. */
    public <T> Map<String, Object> page(
            List<T> rows, Function<? super T, ?> view, ServerHttpRequest request, NoLink noLink) {
        var query = request.getQueryParams();
        int size =
                Math.min(pageSize(query.getFirst("page_size")), rules.current().maxPageSize());
        int count = rows.size();
        int pages = Math.max(1, (count + size - 1) / size); // Django keeps an empty first page
        int page = pageNumber(query.getFirst("page"), pages);

        List<Object> data = new ArrayList<>();
        int from = (page - 1) * size;
        for (T row : rows.subList(from, Math.min(count, from + size))) {
            data.add(view.apply(row));
        }
        Object absent = noLink == NoLink.STRING_NULL ? "null" : null;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", count);
        body.put("next", page < pages ? link(request, page + 1) : absent);
        // DRF drops the page parameter (instead of writing page=1) in the link to the first page
        body.put("previous", page > 1 ? link(request, page == 2 ? null : page - 1) : absent);
        body.put("msg", "");
        body.put("code", 0);
        body.put(props.envelope().key(), data);
        return body;
    }

    /** DRF: an invalid or non-positive size falls back to the default; a large one is cut to the maximum. */
    static int pageSize(String raw) {
        if (raw == null) {
            return DEFAULT_PAGE_SIZE;
        }
        try {
            int n = Integer.parseInt(raw.trim());
            return n <= 0 ? DEFAULT_PAGE_SIZE : Math.min(n, MAX_PAGE_SIZE);
        } catch (NumberFormatException e) {
            return raw.trim().matches("\\d+") ? MAX_PAGE_SIZE : DEFAULT_PAGE_SIZE; // digits too big for an int
        }
    }

    static int pageNumber(String raw, int pages) {
        if (raw == null) {
            return 1;
        }
        if (raw.trim().equals("last")) {
            return pages;
        }
        int page;
        try {
            page = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw ApiException.invalidPage();
        }
        if (page < 1 || page > pages) {
            throw ApiException.invalidPage();
        }
        return page;
    }

    /** Built on the configured internal host, query parameters sorted and re-encoded as DRF's replace_query_param does. */
    private String link(ServerHttpRequest request, Integer page) {
        Map<String, List<String>> params = new TreeMap<>(request.getQueryParams());
        if (page == null) {
            params.remove("page");
        } else {
            params.put("page", List.of(String.valueOf(page)));
        }
        StringJoiner query = new StringJoiner("&");
        params.forEach((k, values) -> values.forEach(v -> query.add(encode(k) + "=" + encode(v))));
        String path = props.internalHost() + request.getPath().value();
        return query.length() == 0 ? path : path + "?" + query;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
