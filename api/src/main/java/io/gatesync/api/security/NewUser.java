package io.gatesync.api.security;

import java.util.Locale;

import io.gatesync.api.web.FieldChecks;

/** Body of {@code POST /zkteco/users}; text fields, so each can be checked and reported by name. */
public record NewUser(String username, String password, String role) {

    /** The checked request, or a 400 naming each bad field. */
    NewUser checked() {
        FieldChecks checks = new FieldChecks();
        String name = checks.text("username", username, 64, true);
        if (name != null && !Passwords.validUsername(name)) {
            checks.reject("username", "must be " + Passwords.USERNAME_RULE);
        }
        String problem = Passwords.problem(password);
        if (problem != null) {
            checks.reject("password", problem);
        }
        Role parsed = role == null || role.isBlank() ? null : parse(role);
        if (parsed == null || !parsed.isUserRole()) {
            checks.reject("role", "must be " + Role.USER_ROLES);
        }
        checks.throwIfInvalid();
        return new NewUser(name, password, parsed.name());
    }

    Role parsedRole() {
        return Role.valueOf(role);
    }

    private static Role parse(String role) {
        try {
            return Role.valueOf(role.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "NewUser[username=" + username + ", password=(hidden), role=" + role + "]";
    }
}
