package io.gatesync.api.security;

import java.util.Locale;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import io.gatesync.api.web.Blocking;

/**
 * Browser sessions (form login), kept in the WebSession; the session id changes at sign-in. A session is only as
 * good as its user: one whose user was deleted, or whose role changed, counts as signed out within
 * {@code GATESYNC_SECURITY_CACHE_FOR} (at once on the instance that deleted it).
 */
@Component
public class SessionAccounts implements ServerSecurityContextRepository {

    private final ServerSecurityContextRepository sessions = new WebSessionServerSecurityContextRepository();
    private final UserAccounts accounts;
    private final Blocking blocking;
    private final ShortCache<String, Account> current;
    private final SessionIds sessionIds;

    public SessionAccounts(UserAccounts accounts, Blocking blocking, SecuritySettings settings, SessionIds sessionIds) {
        this.accounts = accounts;
        this.sessionIds = sessionIds;
        this.blocking = blocking;
        this.current = new ShortCache<>(settings.cacheFor(), 10_000);
    }

    @Override
    public Mono<Void> save(ServerWebExchange exchange, SecurityContext context) {
        return sessions.save(exchange, context);
    }

    @Override
    public Mono<SecurityContext> load(ServerWebExchange exchange) {
        if (!sessionIds.presented(exchange)) {
            return Mono.empty(); // no session cookie, no session: gates, scripts, probes (see SessionIds)
        }
        return sessions.load(exchange).filterWhen(context -> {
            String username = context.getAuthentication().getName();
            return current.get(key(username), () -> blocking.call(() -> accounts.find(username)))
                    .map(account ->
                            account.filter(a -> hasRole(context, a.role())).isPresent());
        });
    }

    /** Ends a deleted user's sessions on this instance at once (others follow within the cache window). */
    void forget(String username) {
        current.remove(key(username));
    }

    private static String key(String username) {
        return username.toLowerCase(Locale.ROOT); // user names are one user whatever their case
    }

    private static boolean hasRole(SecurityContext context, Role role) {
        return context.getAuthentication().getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .anyMatch(role.authorities().get(0).getAuthority()::equals);
    }
}
