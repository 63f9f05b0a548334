package io.gatesync.sim.web;

import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

/** List filters as django-filter applies them: an absent or empty value filters nothing. */
public final class Filters {

    private Filters() {}

    /** The field equals the value exactly. */
    public static <T> Predicate<T> equal(String value, Function<T, String> field) {
        return value == null || value.isEmpty() ? t -> true : t -> value.equals(field.apply(t));
    }

    /** The field contains the value, whatever the case ({@code _icontains}). */
    public static <T> Predicate<T> contains(String value, Function<T, String> field) {
        if (value == null || value.isEmpty()) {
            return t -> true;
        }
        String needle = value.toLowerCase(Locale.ROOT);
        return t -> {
            String text = field.apply(t);
            return text != null && text.toLowerCase(Locale.ROOT).contains(needle);
        };
    }
}
