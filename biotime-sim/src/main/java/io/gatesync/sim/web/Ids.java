package io.gatesync.sim.web;

/** Path ids: Django routes any segment to the detail view, so a non-numeric id is a 404, not a 400. */
public final class Ids {

    private Ids() {}

    public static long parse(String raw) {
        try {
            return Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw ApiException.notFound();
        }
    }
}
