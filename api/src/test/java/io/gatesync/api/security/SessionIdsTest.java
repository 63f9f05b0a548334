package io.gatesync.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebSession;
import org.springframework.web.server.session.DefaultWebSessionManager;
import reactor.core.publisher.Mono;

/** A request without a session cookie is never given a session just to find it empty. */
class SessionIdsTest {

    /** The default session manager, counting how often a request's session is looked up (subscribed to). */
    private static final class CountingSessions extends DefaultWebSessionManager {
        final AtomicInteger asked = new AtomicInteger();

        @Override
        public Mono<WebSession> getSession(ServerWebExchange exchange) {
            return super.getSession(exchange).doOnSubscribe(s -> asked.incrementAndGet());
        }
    }

    private final CountingSessions sessions = new CountingSessions();
    private final SessionIds sessionIds = new SessionIds(sessions);
    private final SessionAccounts accounts =
            new SessionAccounts(null, null, DefaultSecuritySettings.trusting(), sessionIds);
    private final SessionRequestCache requestCache = new SessionRequestCache(sessionIds);

    private MockServerWebExchange exchange(MockServerHttpRequest.BaseBuilder<?> request) {
        return MockServerWebExchange.builder(request.build())
                .sessionManager(sessions)
                .build();
    }

    @Test
    void aGateRequestWithoutACookieHasNoSessionAndNoneIsMade() {
        MockServerWebExchange gate =
                exchange(MockServerHttpRequest.post("/api/events").header("Authorization", "Bearer gsg_x"));

        assertThat(accounts.load(gate).blockOptional()).isEmpty();
        assertThat(requestCache.removeMatchingRequest(gate).blockOptional()).isEmpty();
        assertThat(requestCache.getRedirectUri(gate).blockOptional()).isEmpty();
        assertThat(sessions.asked).hasValue(0);
    }

    @Test
    void aRequestWithASessionCookieIsLookedUpInItsSession() {
        MockServerWebExchange browser = exchange(MockServerHttpRequest.get("/zkteco")
                .cookie(new org.springframework.http.HttpCookie("SESSION", "an-expired-one")));

        assertThat(accounts.load(browser).blockOptional()).isEmpty(); // unknown id: a new, empty session
        requestCache.removeMatchingRequest(browser).blockOptional();
        assertThat(sessions.asked.get()).isPositive();
    }
}
