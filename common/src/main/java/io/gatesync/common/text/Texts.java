package io.gatesync.common.text;

/** Small text and error helpers the api and the worker share. */
public final class Texts {

    private Texts() {}

    /** Cut to {@code max} characters (for a column of that size), marking the cut with an ellipsis. */
    public static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** The first throwable of {@code type} in {@code e}'s cause chain, or null. */
    public static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
