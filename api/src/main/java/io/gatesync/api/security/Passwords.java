package io.gatesync.api.security;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import io.gatesync.common.config.InvalidSettingException;

/** The rules every user name and password follow, wherever they come from (environment or api). */
final class Passwords {

    static final int MIN_LENGTH = 12;

    /** BCrypt reads no further than 72 bytes, and Spring Security refuses longer passwords rather than cut them. */
    static final int MAX_BYTES = 72;

    static final String USERNAME_RULE = "1 to 64 letters, digits, dots, dashes, underscores or @";

    static final String PASSWORD_RULE =
            "a password of at least " + MIN_LENGTH + " characters and at most " + MAX_BYTES + " bytes in UTF-8";

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    private Passwords() {}

    static boolean validUsername(String username) {
        return username != null && USERNAME.matcher(username).matches();
    }

    /** What is wrong with a password, or null. */
    static String problem(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return "must be at least " + MIN_LENGTH + " characters";
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "must be at most " + MAX_BYTES + " bytes in UTF-8 (BCrypt reads no further)";
        }
        return null;
    }

    static void checkUsername(String variable, String username) {
        if (!validUsername(username)) {
            throw new InvalidSettingException(variable, String.valueOf(username), USERNAME_RULE);
        }
    }

    static void checkPassword(String variable, String password) {
        String problem = problem(password);
        if (problem != null) {
            throw new InvalidSettingException(variable, "(hidden)", PASSWORD_RULE);
        }
    }
}
