package io.gatesync.api.security;

import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What a caller may do. Users are ADMIN or VIEWER (the users table); METRICS is the environment's metrics user;
 * GATE is a gate token. Which routes each may call is decided in one place, {@link SecurityConfiguration}.
 */
public enum Role {
    ADMIN("may do everything"),
    VIEWER("may only read: GET on the /zkteco routes (but users and gates), /api/people and /api/entry-logs"),
    METRICS("may only read /actuator/prometheus"),
    GATE("may only post events: POST /api/events and POST /api/events/batch");

    private final String may;

    Role(String may) {
        this.may = may;
    }

    /** What the role may do, for the 403 that tells a caller why not. */
    String may() {
        return may;
    }

    /** The roles a user in the users table may have. */
    static final String USER_ROLES = "ADMIN or VIEWER";

    /** The role name of a signed-in caller ("ADMIN", "VIEWER", …), or "" if it has none. */
    public static String nameOf(Authentication authentication) {
        return authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .filter(a -> a.startsWith("ROLE_"))
                .map(a -> a.substring("ROLE_".length()))
                .findFirst()
                .orElse("");
    }

    List<GrantedAuthority> authorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_" + name()));
    }

    boolean isUserRole() {
        return this == ADMIN || this == VIEWER;
    }
}
