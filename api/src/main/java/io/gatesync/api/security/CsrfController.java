package io.gatesync.api.security;

import org.springframework.http.HttpHeaders;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import io.gatesync.api.web.InvalidRequestException;

/**
 * {@code GET /zkteco/csrf}: the signed-in browser session's CSRF token, for the dashboard's script to send with
 * every POST, PUT and DELETE (in {@code headerName}). The token lives in the session, so no script-readable cookie
 * holds it. Scripts that send an Authorization header on each request need no token (and get no session).
 */
@RestController
class CsrfController {

    /** The header (or form field) to send {@code token} in. */
    record CsrfTokenView(String headerName, String parameterName, String token) {}

    @GetMapping("/zkteco/csrf")
    Mono<CsrfTokenView> token(ServerWebExchange exchange) {
        if (exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION)) {
            throw new InvalidRequestException(
                    HttpHeaders.AUTHORIZATION,
                    "needs no CSRF token: requests that send "
                            + "an Authorization header are not checked for one; the token is for browser sessions (/login)");
        }
        Mono<CsrfToken> token = exchange.getAttributeOrDefault(CsrfToken.class.getName(), Mono.empty());
        return token.map(t -> new CsrfTokenView(t.getHeaderName(), t.getParameterName(), t.getToken()));
    }
}
