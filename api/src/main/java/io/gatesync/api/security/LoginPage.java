package io.gatesync.api.security;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;

/**
 * {@code GET /login}: the sign-in form for browsers, one self-contained page (no scripts, fonts or styles from
 * elsewhere). It posts to {@code /login} with the session's CSRF token; Spring Security checks it.
 */
@RestController
class LoginPage {

    static final String PATH = "/login";

    /** Nothing but this page's own inline style and its own form action. */
    private static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";

    @GetMapping(value = PATH, produces = MediaType.TEXT_HTML_VALUE)
    Mono<ResponseEntity<String>> page(ServerWebExchange exchange) {
        MultiValueMap<String, String> query = exchange.getRequest().getQueryParams(); // "?error" has no value
        String message = query.containsKey("error")
                ? "Wrong user name or password."
                : query.containsKey("locked")
                        ? "Too many failed sign-ins. Try again in " + minutes(query.getFirst("locked")) + "."
                        : query.containsKey("expired")
                                ? "The sign-in page had expired. Please sign in again."
                                : query.containsKey("logout") ? "You are signed out." : null;
        Mono<CsrfToken> token = exchange.getAttributeOrDefault(CsrfToken.class.getName(), Mono.empty());
        return token.map(t -> ResponseEntity.ok()
                .header("Content-Security-Policy", POLICY)
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .body(html(message, t)));
    }

    private static String minutes(String seconds) {
        if (seconds == null) {
            return "a few minutes";
        }
        try {
            long minutes = Math.max(1, (Long.parseLong(seconds) + 59) / 60);
            return minutes == 1 ? "a minute" : minutes + " minutes";
        } catch (NumberFormatException e) {
            return "a few minutes";
        }
    }

    private static String html(String message, CsrfToken token) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>GateSync – sign in</title>
                <style>
                  body { font-family: system-ui, sans-serif; background: #f4f5f7; margin: 0; }
                  form { max-width: 20rem; margin: 10vh auto; padding: 2rem; background: #fff; border-radius: 8px;
                         box-shadow: 0 1px 4px rgba(0,0,0,.15); }
                  h1 { font-size: 1.4rem; margin: 0 0 1.5rem; }
                  label { display: block; margin: 1rem 0 .3rem; font-size: .9rem; }
                  input { width: 100%%; box-sizing: border-box; padding: .5rem; font-size: 1rem; }
                  button { margin-top: 1.5rem; width: 100%%; padding: .6rem; font-size: 1rem; cursor: pointer; }
                  p { background: #fdecea; color: #611a15; padding: .6rem; border-radius: 4px; font-size: .9rem; }
                </style>
                </head>
                <body>
                <form method="post" action="/login">
                  <h1>GateSync</h1>
                  %s
                  <label for="username">User name</label>
                  <input id="username" name="username" autocomplete="username" required autofocus>
                  <label for="password">Password</label>
                  <input id="password" name="password" type="password" autocomplete="current-password" required>
                  <input type="hidden" name="%s" value="%s">
                  <button type="submit">Sign in</button>
                </form>
                </body>
                </html>
                """.formatted(
                        message == null ? "" : "<p role=\"alert\">" + HtmlUtils.htmlEscape(message) + "</p>",
                        HtmlUtils.htmlEscape(token.getParameterName()),
                        HtmlUtils.htmlEscape(token.getToken()));
    }
}
