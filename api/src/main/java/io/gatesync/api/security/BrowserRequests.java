package io.gatesync.api.security;

import java.util.Set;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Telling a browser (session cookie, pages) from a script or gate (credentials on every request). */
final class BrowserRequests {

    private static final Set<HttpMethod> SAFE =
            Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.TRACE);

    private BrowserRequests() {}

    /**
     * CSRF tokens are required for unsafe requests made with a browser session (the session cookie is what a page on
     * another site could ride on), and for the login form itself (so no site can sign a browser in as someone else).
     * Requests that carry their own credentials (Basic or Bearer) need none: they prove themselves, and a page on
     * another site cannot add the header. But a browser may attach Basic credentials it cached to a request another
     * site started; browsers say so in {@code Sec-Fetch-Site}, and such requests always need the token. A request
     * with neither session nor credentials gets no further than the 401 anyway.
     */
    static Mono<MatchResult> needCsrfToken(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        if (SAFE.contains(request.getMethod())) {
            return MatchResult.notMatch();
        }
        HttpHeaders headers = request.getHeaders();
        String site = headers.getFirst("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")
                || request.getPath().value().equals(LoginPage.PATH)) {
            return MatchResult.match();
        }
        if (headers.containsHeader(HttpHeaders.AUTHORIZATION)) {
            return MatchResult.notMatch();
        }
        return exchange.getSession()
                .flatMap(session -> session.isStarted() ? MatchResult.match() : MatchResult.notMatch());
    }

    /** A browser asking for a page (it accepts HTML and sent no credentials of its own): send it to /login. */
    static boolean wantsPage(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        HttpHeaders headers = request.getHeaders();
        if (request.getMethod() != HttpMethod.GET && request.getMethod() != HttpMethod.HEAD
                || headers.containsHeader(HttpHeaders.AUTHORIZATION)) {
            return false;
        }
        try {
            return headers.getAccept().stream()
                    .anyMatch(type -> !type.isWildcardType() && type.isCompatibleWith(MediaType.TEXT_HTML));
        } catch (InvalidMediaTypeException e) {
            return false; // not a browser, whatever it is
        }
    }

    /** A request a browser made, e.g. a page's fetch (browsers send Sec-Fetch-Mode; XHR libraries the other). */
    static boolean fromBrowser(ServerWebExchange exchange) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        return headers.containsHeader("Sec-Fetch-Mode") || headers.containsHeader("X-Requested-With");
    }
}
