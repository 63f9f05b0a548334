package io.gatesync.sim.web;

import java.util.Comparator;
import java.util.Map;

/**
 * DRF's OrderingFilter as the lists use it: {@code ordering=a,-b} sorts by the named fields in turn (a leading
 * {@code -} descending), then by id.
 */
public final class OrderingFilter {

    private OrderingFilter() {}

    /**
     * @param ordering the {@code ordering} query parameter, or null
     * @param fields   the comparator of each field name the list can be ordered by
     * @param byId     the last tie-break, and the whole order when no known field is named
     */
    public static <T> Comparator<T> of(String ordering, Map<String, Comparator<T>> fields, Comparator<T> byId) {
        Comparator<T> order = null;
        if (ordering != null) {
            for (String token : ordering.split(",")) {
                String f = token.trim();
                boolean desc = f.startsWith("-");
                Comparator<T> c =
                        fields.get(desc ? f.substring(1) : f); // unknown fields are ignored, as on the real server
                if (c != null) {
                    c = desc ? c.reversed() : c;
                    order = order == null ? c : order.thenComparing(c);
                }
            }
        }
        return order == null ? byId : order.thenComparing(byId);
    }
}
