package io.gatesync.sim.web;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.regex.Pattern;

/**
 * Reads a JSON request body the way a DRF serializer validates it: lenient about types where DRF is
 * (numbers for strings, numeric strings for ids), collecting every field error before answering 400.
 * Not thread-safe; one per request.
 */
public final class BodyReader {

    public static final String REQUIRED = "This field is required.";
    public static final String NOT_NULL = "This field may not be null.";
    public static final String NOT_BLANK = "This field may not be blank.";
    public static final String DATETIME_FORMAT =
            "Datetime has wrong format. Use one of these formats instead: YYYY-MM-DD hh:mm:ss.";
    public static final String DATE_FORMAT = "Date has wrong format. Use one of these formats instead: YYYY-MM-DD.";

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s.]+$");

    private final Map<String, Object> body;
    private final Map<String, List<String>> errors = new LinkedHashMap<>();

    public BodyReader(Map<String, Object> body) {
        this.body = body == null ? Map.of() : body;
    }

    /** The value as sent, unchecked (null when absent). */
    public Object raw(String field) {
        return body.get(field);
    }

    public boolean has(String field) {
        return body.containsKey(field);
    }

    public void error(String field, String message) {
        errors.computeIfAbsent(field, k -> new ArrayList<>()).add(message);
    }

    public boolean hasError(String field) {
        return errors.containsKey(field);
    }

    public Map<String, List<String>> errors() {
        return errors;
    }

    public void throwIfErrors() {
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
    }

    /**
     * The field's value; null after noting why there is none (required but absent, or null where required).
     * Optional fields may be absent or null without an error, as in DRF.
     */
    private Object given(String field, boolean required) {
        if (!present(field, required)) {
            return null;
        }
        Object v = body.get(field);
        if (v == null && required) {
            error(field, NOT_NULL);
        }
        return v;
    }

    /**
     * A CharField. Required fields reject absent, null and blank values; optional ones allow null and blank.
     * {@code maxLength} 0 means unlimited. Whitespace is trimmed, as DRF does by default.
     */
    public String string(String field, boolean required, int maxLength) {
        Object v = given(field, required);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String || v instanceof Number)) {
            error(field, "Not a valid string.");
            return null;
        }
        String s = plain(v).trim();
        if (s.isEmpty() && required) {
            error(field, NOT_BLANK);
            return null;
        }
        if (maxLength > 0 && s.length() > maxLength) {
            error(field, "Ensure this field has no more than " + maxLength + " characters.");
            return null;
        }
        return s;
    }

    public String email(String field, int maxLength) {
        String s = string(field, false, maxLength);
        if (s != null && !s.isEmpty() && !EMAIL.matcher(s).matches()) {
            error(field, "Enter a valid email address.");
            return null;
        }
        return s;
    }

    /** A PrimaryKeyRelatedField: an id (or numeric string) that must exist. */
    public Long pk(String field, boolean required, LongPredicate exists) {
        Object v = given(field, required);
        if (v == null) {
            return null;
        }
        return pkValue(field, v, exists);
    }

    /** A many=True related field: a JSON list of ids that must all exist. */
    public List<Long> pkList(String field, boolean required, LongPredicate exists) {
        if (!present(field, required)) {
            return null;
        }
        Object v = body.get(field);
        if (v == null) {
            error(field, NOT_NULL);
            return null;
        }
        if (!(v instanceof List<?> items)) {
            error(field, "Expected a list of items but got type \"" + pythonType(v) + "\".");
            return null;
        }
        List<Long> ids = new ArrayList<>();
        for (Object item : items) {
            Long id = item == null ? null : pkValue(field, item, exists);
            if (id == null) {
                if (item == null) {
                    error(field, NOT_NULL);
                }
                return null; // DRF stops at the first bad item
            }
            if (!ids.contains(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** A DateTimeField that only takes "yyyy-MM-dd HH:mm:ss". */
    public LocalDateTime dateTime(String field, boolean required) {
        return parsed(field, required, SimTime::parseDateTime, DATETIME_FORMAT);
    }

    public LocalDate date(String field, boolean required) {
        return parsed(field, required, SimTime::parseDate, DATE_FORMAT);
    }

    /** A text field parsed by {@code parser}; a value it refuses records {@code formatError}, as DRF does. */
    private <T> T parsed(
            String field,
            boolean required,
            java.util.function.Function<String, Optional<T>> parser,
            String formatError) {
        Object v = given(field, required);
        if (v == null) {
            return null;
        }
        Optional<T> parsedValue = v instanceof String s ? parser.apply(s) : Optional.empty();
        if (parsedValue.isEmpty()) {
            error(field, formatError);
            return null;
        }
        return parsedValue.get();
    }

    /** An integer ChoiceField: accepts 3 or "3"; absent gives {@code fallback}. */
    public Integer intChoice(String field, boolean required, Set<Integer> allowed, Integer fallback) {
        if (!present(field, required)) {
            return fallback;
        }
        Object v = body.get(field);
        if (v == null) {
            error(field, NOT_NULL);
            return null;
        }
        Integer n = toInt(v);
        if (n == null || (allowed != null && !allowed.contains(n))) {
            error(field, "\"" + plain(v) + "\" is not a valid choice.");
            return null;
        }
        return n;
    }

    /** A string ChoiceField; null and blank are allowed when optional. */
    public String stringChoice(String field, Set<String> allowed) {
        String s = string(field, false, 0);
        if (s != null && !s.isEmpty() && !allowed.contains(s)) {
            error(field, "\"" + s + "\" is not a valid choice.");
            return null;
        }
        return s;
    }

    /** An IntegerField; absent or null gives {@code fallback}. */
    public Integer integer(String field, Integer fallback) {
        if (!has(field) || body.get(field) == null) {
            return fallback;
        }
        Integer n = toInt(body.get(field));
        if (n == null) {
            error(field, "A valid integer is required.");
        }
        return n;
    }

    private boolean present(String field, boolean required) {
        if (has(field)) {
            return true;
        }
        if (required) {
            error(field, REQUIRED);
        }
        return false;
    }

    private Long pkValue(String field, Object v, LongPredicate exists) {
        Long id = toLong(v);
        if (id == null) {
            error(field, "Incorrect type. Expected pk value, received " + pythonType(v) + ".");
            return null;
        }
        if (!exists.test(id)) {
            error(field, "Invalid pk \"" + plain(v).trim() + "\" - object does not exist.");
            return null;
        }
        return id;
    }

    private static Integer toInt(Object v) {
        Long n = toLong(v);
        return n != null && n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE ? n.intValue() : null;
    }

    /** Integers, integral floats and numeric strings, as Python's int() would take them. */
    private static Long toLong(Object v) {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger b) {
            return b.bitLength() < 64 ? b.longValue() : null;
        }
        if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
            double d = ((Number) v).doubleValue();
            return d == Math.rint(d) && !Double.isInfinite(d) ? (long) d : null;
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }

    /** How the value prints in a message; integral floats without ".0" so 7 and 7.0 read alike. */
    private static String plain(Object v) {
        if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
            BigDecimal d = new BigDecimal(v.toString()).stripTrailingZeros();
            return d.scale() <= 0 ? d.toBigInteger().toString() : d.toPlainString();
        }
        return String.valueOf(v);
    }

    /** Python type names, for DRF's "received str" style messages. */
    private static String pythonType(Object v) {
        if (v instanceof String) {
            return "str";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof Map) {
            return "dict";
        }
        if (v instanceof List) {
            return "list";
        }
        if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
            return "float";
        }
        return v == null ? "NoneType" : "int";
    }
}
