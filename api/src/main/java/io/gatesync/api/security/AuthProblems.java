package io.gatesync.api.security;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.DefaultServerRedirectStrategy;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.csrf.CsrfException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import io.gatesync.api.web.FieldProblem;

/**
 * How security says no. API clients (Basic, Bearer, or asking for JSON) get RFC 9457 problems like every other
 * error: 401 with what to send, 403 with what their role may do, 429 with when to retry. A browser asking for a
 * page is sent to the login form instead; a failed form sign-in goes back to it with a message.
 */
@Component
class AuthProblems implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    private final JsonMapper json;
    private final RedirectServerAuthenticationEntryPoint toLogin =
            new RedirectServerAuthenticationEntryPoint(LoginPage.PATH);
    private final DefaultServerRedirectStrategy redirect = new DefaultServerRedirectStrategy();

    AuthProblems(JsonMapper json) {
        this.json = json;
    }

    /** Not signed in, or signed in wrongly (Basic, Bearer). */
    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException e) {
        if (e instanceof LoginLockedException locked) {
            exchange.getResponse()
                    .getHeaders()
                    .set(HttpHeaders.RETRY_AFTER, Long.toString(locked.retryAfterSeconds(Instant.now())));
            return write(
                    exchange,
                    HttpStatus.TOO_MANY_REQUESTS,
                    "Too many failed sign-ins",
                    locked.detail(),
                    List.of(new FieldProblem(
                            HttpHeaders.AUTHORIZATION, "send the right credentials after " + locked.until())),
                    Map.of("retryAfter", locked.until().toString()));
        }
        if (BrowserRequests.wantsPage(exchange)) {
            return toLogin.commence(exchange, e);
        }
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        String scheme = authorization == null ? "" : authorization.split(" ", 2)[0];
        String message;
        if (scheme.equalsIgnoreCase("Bearer")) {
            exchange.getResponse()
                    .getHeaders()
                    .set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"GateSync\", error=\"invalid_token\"");
            message = "is an unknown or revoked gate token; ask an admin for a new one (POST /zkteco/gates)";
        } else {
            // no Basic challenge to a browser: it would prompt for credentials, then attach them to every request
            if (!BrowserRequests.fromBrowser(exchange)) {
                exchange.getResponse()
                        .getHeaders()
                        .set(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"GateSync\", charset=\"UTF-8\"");
            }
            message = scheme.equalsIgnoreCase("Basic")
                    ? "has a wrong user name or password"
                    : scheme.isEmpty()
                            ? "is missing: send HTTP Basic credentials (Authorization: Basic …), a gate "
                                    + "token (Authorization: Bearer …), or sign in at /login"
                            : "uses the unsupported scheme " + scheme + "; use Basic or Bearer";
        }
        return write(
                exchange,
                HttpStatus.UNAUTHORIZED,
                "Unauthorized",
                "Authentication is required: the " + "Authorization header " + message,
                List.of(new FieldProblem(HttpHeaders.AUTHORIZATION, message)),
                Map.of());
    }

    /** Signed in, but not allowed; or a browser session's unsafe request without its CSRF token. */
    @Override
    public Mono<Void> handle(ServerWebExchange exchange, AccessDeniedException denied) {
        if (denied instanceof CsrfException) {
            if (exchange.getRequest().getPath().value().equals(LoginPage.PATH)) {
                // the form sat too long (its session expired), or another site posted it
                return redirect.sendRedirect(exchange, URI.create(LoginPage.PATH + "?expired"));
            }
            String message = "send the token from GET /zkteco/csrf in this header (or the _csrf form field); "
                    + "scripts that authenticate each request with an Authorization header need none";
            return write(
                    exchange,
                    HttpStatus.FORBIDDEN,
                    "CSRF token missing or wrong",
                    "A request made with a " + "browser session must carry its CSRF token",
                    List.of(new FieldProblem("X-CSRF-TOKEN", message)),
                    Map.of());
        }
        return exchange.getPrincipal()
                .map(p -> Role.nameOf((Authentication) p))
                .defaultIfEmpty("")
                .flatMap(role -> write(
                        exchange,
                        HttpStatus.FORBIDDEN,
                        "Forbidden",
                        (role.isEmpty() ? "This caller may not " : "Role " + role + " may not ")
                                + exchange.getRequest().getMethod() + " "
                                + exchange.getRequest().getPath().value()
                                + (role.isEmpty()
                                        ? ""
                                        : ": " + Role.valueOf(role).may()) + ". Ask an admin if you need it.",
                        List.of(),
                        Map.of()));
    }

    /** Form login failed: back to the form, saying why. */
    Mono<Void> loginFailed(WebFilterExchange exchange, AuthenticationException e) {
        String target = e instanceof LoginLockedException locked
                ? LoginPage.PATH + "?locked=" + locked.retryAfterSeconds(Instant.now())
                : LoginPage.PATH + "?error";
        return redirect.sendRedirect(exchange.getExchange(), URI.create(target));
    }

    private Mono<Void> write(
            ServerWebExchange exchange,
            HttpStatus status,
            String title,
            String detail,
            List<FieldProblem> errors,
            Map<String, Object> extra) {
        ServerHttpResponse response = exchange.getResponse();
        if (response.isCommitted()) {
            return Mono.empty();
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "about:blank");
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", exchange.getRequest().getPath().value());
        if (!errors.isEmpty()) {
            problem.put("errors", errors);
        }
        problem.putAll(extra);
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        byte[] body = json.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);
        return response.writeWith(
                Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
    }
}
