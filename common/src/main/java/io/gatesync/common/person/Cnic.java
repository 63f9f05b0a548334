package io.gatesync.common.person;

import java.util.regex.Pattern;

/**
 * A Pakistani CNIC: 13 digits, written with or without dashes (12345-1234567-1). Stored and sent to BioTime
 * (as emp_code) in one canonical form, the 13 digits alone: terminals key people on numeric PINs.
 */
public record Cnic(String value) {

    private static final Pattern DASHED = Pattern.compile("\\d{5}-\\d{7}-\\d");
    private static final Pattern PLAIN = Pattern.compile("\\d{13}");

    /** What a valid CNIC looks like, for error messages. */
    public static final String FORMAT = "13 digits, with or without dashes, e.g. 35202-1234567-1 or 3520212345671";

    public Cnic {
        if (value == null || !PLAIN.matcher(value).matches()) {
            throw new IllegalArgumentException("cnic must be " + FORMAT);
        }
    }

    /** Parses either written form; throws {@link IllegalArgumentException} naming the format otherwise. */
    public static Cnic parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("cnic must be " + FORMAT);
        }
        String trimmed = text.trim();
        if (DASHED.matcher(trimmed).matches()) {
            return new Cnic(trimmed.replace("-", ""));
        }
        return new Cnic(trimmed);
    }

    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The dashed form people read. */
    public String formatted() {
        return value.substring(0, 5) + "-" + value.substring(5, 12) + "-" + value.substring(12);
    }

    @Override
    public String toString() {
        return value;
    }
}
