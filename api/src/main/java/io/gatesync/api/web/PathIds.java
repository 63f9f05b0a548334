package io.gatesync.api.web;

/** Ids in a route's path ({@code /zkteco/reconcile/12}): a whole number above 0, or a 400 naming the field. */
public final class PathIds {

    private PathIds() {}

    /** @param what what the id is for the error's text, e.g. "a pull's runId, a whole number such as 12" */
    public static long positive(String value, String field, String what) {
        try {
            long id = Long.parseLong(value.trim());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidRequestException(field, "must be " + what);
    }
}
