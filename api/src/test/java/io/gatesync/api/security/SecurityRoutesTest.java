package io.gatesync.api.security;

import static io.gatesync.api.Responses.expectOk;
import static io.gatesync.api.Responses.get;
import static io.gatesync.api.Responses.jsonObject;
import static io.gatesync.api.Responses.ok;
import static io.gatesync.api.Responses.unauthorized;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import io.gatesync.api.security.SecuredApi.Browser;

/**
 * Who may call what, and how each way in behaves: HTTP Basic, gate tokens, the browser's login form with its
 * session and CSRF token, the lockout, the metrics user, and secrets that never leave. Real MySQL/MariaDB and
 * RabbitMQ, no workers (every route used here answers without one).
 */
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityRoutesTest {

    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "admin-secret-" + UUID.randomUUID();
    private static final String VIEWER = "viewer";
    private static final String VIEWER_PASSWORD = "viewer-secret-" + UUID.randomUUID();
    private static final String METRICS = "prometheus";
    private static final String METRICS_PASSWORD = "metrics-secret-" + UUID.randomUUID();
    private static final String BIOTIME_PASSWORD = "biotime-secret-" + UUID.randomUUID();
    private static final Duration CACHE_FOR = Duration.ofSeconds(2);

    private static SecuredApi api;
    private static WebTestClient admin;
    private static WebTestClient viewer;
    private static WebTestClient anonymous;
    private static JdbcTemplate db;
    /** Gate tokens made here: they too must never be logged. */
    private static final List<String> tokens = new ArrayList<>();

    @BeforeAll
    static void start() {
        api = SecuredApi.startWithAdmin(
                ADMIN,
                ADMIN_PASSWORD,
                "--gatesync.metrics.username=" + METRICS,
                "--gatesync.metrics.password=" + METRICS_PASSWORD,
                "--zkteco.password=" + BIOTIME_PASSWORD,
                "--gatesync.security.cache-for=" + CACHE_FOR.toSeconds() + "s",
                // nearly every request here comes from 127.0.0.1: the address lock is LoginThrottleApiTest's
                "--gatesync.security.max-login-failures-per-address=1000");
        admin = api.basic(ADMIN, ADMIN_PASSWORD);
        viewer = api.basic(VIEWER, VIEWER_PASSWORD);
        anonymous = api.anonymous();
        db = api.context.getBean(JdbcTemplate.class);
        api.createUser(admin, VIEWER, VIEWER_PASSWORD, "VIEWER");
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    /** One route of each family, and the gates' and users' own. */
    private static final List<Route> ROUTES = List.of(
            new Route(HttpMethod.GET, "/api/people"),
            new Route(HttpMethod.GET, "/api/people/3520212345671"),
            new Route(HttpMethod.PUT, "/api/people/3520212345671"),
            new Route(HttpMethod.POST, "/api/events"),
            new Route(HttpMethod.POST, "/api/events/batch"),
            new Route(HttpMethod.GET, "/api/entry-logs"),
            new Route(HttpMethod.GET, "/zkteco"),
            new Route(HttpMethod.GET, "/zkteco/sync-status"),
            new Route(HttpMethod.GET, "/zkteco/overview"),
            new Route(HttpMethod.GET, "/zkteco/sync-logs"),
            new Route(HttpMethod.GET, "/zkteco/me"),
            new Route(HttpMethod.GET, "/zkteco/dashboard.js"),
            new Route(HttpMethod.GET, "/zkteco/settings"),
            new Route(HttpMethod.PUT, "/zkteco/settings"),
            new Route(HttpMethod.GET, "/zkteco/dead-letters"),
            new Route(HttpMethod.POST, "/zkteco/dead-letters/replay"),
            new Route(HttpMethod.POST, "/zkteco/pull-attendance"),
            new Route(HttpMethod.POST, "/zkteco/test-connection"),
            new Route(HttpMethod.POST, "/zkteco/sync-person"),
            new Route(HttpMethod.GET, "/zkteco/employees"),
            new Route(HttpMethod.GET, "/zkteco/users"),
            new Route(HttpMethod.POST, "/zkteco/users"),
            new Route(HttpMethod.DELETE, "/zkteco/users/someone"),
            new Route(HttpMethod.GET, "/zkteco/gates"),
            new Route(HttpMethod.POST, "/zkteco/gates"),
            new Route(HttpMethod.DELETE, "/zkteco/gates/1"),
            new Route(HttpMethod.GET, "/actuator/prometheus"),
            new Route(HttpMethod.GET, "/actuator/info"));

    private record Route(HttpMethod method, String path) {

        WebTestClient.ResponseSpec call(WebTestClient client, MediaType accept) {
            return client.method(method).uri(path).accept(accept).exchange();
        }
    }

    @Test
    void anonymousApiClientsGetA401ProblemOnEveryRouteFamily() {
        for (Route route : ROUTES) {
            try {
                route.call(anonymous, MediaType.APPLICATION_JSON)
                        .expectStatus()
                        .isUnauthorized()
                        .expectHeader()
                        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                        .expectHeader()
                        .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"GateSync\", charset=\"UTF-8\"")
                        .expectBody()
                        .jsonPath("$.status")
                        .isEqualTo(401)
                        .jsonPath("$.errors[0].field")
                        .isEqualTo("Authorization")
                        .jsonPath("$.detail")
                        .value(d -> assertThat((String) d).contains("/login"));
            } catch (RuntimeException | AssertionError e) {
                throw new AssertionError(route + ": " + e.getMessage(), e);
            }
        }
        anonymous
                .get()
                .uri("/api/people")
                .headers(h -> h.setBasicAuth(ADMIN, "wrong-password"))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.errors[0].message")
                .isEqualTo("has a wrong user name or password");
    }

    @Test
    void aBrowserAskingForAPageIsSentToTheLoginForm() {
        for (String page :
                List.of("/zkteco", "/zkteco/sync-status", "/zkteco/overview", "/zkteco/users", "/api/people")) {
            EntityExchangeResult<Void> result = SecuredApi.getHtml(anonymous, page)
                    .expectStatus()
                    .isFound()
                    .expectBody(Void.class)
                    .returnResult();
            assertThat(result.getResponseHeaders().getLocation()).hasToString("/login");
        }
        // and back to the page after signing in (a browser keeps the cookies it is given: the id changes on the way)
        EntityExchangeResult<Void> asked = SecuredApi.getHtml(anonymous, "/zkteco/settings")
                .expectStatus()
                .isFound()
                .expectBody(Void.class)
                .returnResult();
        EntityExchangeResult<String> form = SecuredApi.getHtml(
                        new Browser(api, SecuredApi.sessionCookie(asked).getValue(), null).client(), "/login")
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult();
        String csrf = form.getResponseBody().replaceAll("(?s).*name=\"_csrf\" value=\"([^\"]+)\".*", "$1");
        Browser browser = new Browser(api, SecuredApi.sessionCookie(form).getValue(), csrf);
        EntityExchangeResult<Void> login = SecuredApi.submitLogin(browser, VIEWER, VIEWER_PASSWORD);
        assertThat(login.getResponseHeaders().getLocation().toString()).startsWith("/zkteco/settings");

        // a page's script asking for JSON gets the problem, without a Basic challenge the browser would prompt for
        anonymous
                .get()
                .uri("/zkteco/sync-status")
                .accept(MediaType.APPLICATION_JSON)
                .header("Sec-Fetch-Mode", "cors")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .doesNotExist(HttpHeaders.WWW_AUTHENTICATE)
                .expectBody(Void.class);
    }

    @Test
    void theLoginPageIsOneSelfContainedForm() {
        EntityExchangeResult<String> page = SecuredApi.getHtml(anonymous, "/login")
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectHeader()
                .value("Content-Security-Policy", p -> assertThat(p).contains("default-src 'none'"))
                .expectBody(String.class)
                .returnResult();
        assertThat(page.getResponseBody())
                .contains("<form method=\"post\" action=\"/login\">")
                .contains("name=\"username\"")
                .contains("name=\"password\"")
                .contains("name=\"_csrf\"")
                .doesNotContain("http://")
                .doesNotContain("https://")
                .doesNotContain("<script");
    }

    private static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";

    @Test
    void theDashboardIsAPageOfItsOwnFilesForAdminsAndViewersWhoLearnTheirRole() {
        for (WebTestClient user : List.of(admin, viewer)) {
            EntityExchangeResult<String> page = SecuredApi.getHtml(user, "/zkteco")
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                    .expectHeader()
                    .value(
                            "Content-Security-Policy",
                            p -> assertThat(p)
                                    .contains("default-src 'none'", "script-src 'self'", "connect-src 'self'"))
                    .expectBody(String.class)
                    .returnResult();
            assertThat(page.getResponseBody())
                    .contains("/zkteco/dashboard.js", "/zkteco/dashboard.css")
                    .doesNotContain("http://", "https://", "<script>")
                    .doesNotContainPattern("\\son[a-z]+="); // no inline script: the policy would block it
            get(user, "/zkteco/dashboard.js")
                    .expectStatus()
                    .isOk()
                    // SVG's XML namespace is a name the browser never fetches; any other URL would be a request
                    .expectBody(String.class)
                    .value(js -> assertThat(js.replace("'" + SVG_NAMESPACE + "'", ""))
                            .contains("/zkteco/overview")
                            .doesNotContain("http://", "https://"));
        }
        ok(get(admin, "/zkteco/me"))
                .jsonPath("$.username")
                .isEqualTo(ADMIN)
                .jsonPath("$.role")
                .isEqualTo("ADMIN");
        ok(get(viewer, "/zkteco/me"))
                .jsonPath("$.username")
                .isEqualTo(VIEWER)
                .jsonPath("$.role")
                .isEqualTo("VIEWER");
    }

    @Test
    void aViewerMayReadOpsScreensPeopleAndEntryLogsButChangeNothing() {
        for (String readable : List.of(
                "/zkteco/sync-status",
                "/zkteco/settings",
                "/zkteco/dead-letters",
                "/zkteco/overview",
                "/zkteco/sync-logs",
                "/api/people",
                "/api/entry-logs")) {
            expectOk(get(viewer, readable));
        }
        for (Route route : ROUTES) {
            boolean mayRead = route.method() == HttpMethod.GET
                    && (route.path().startsWith("/api/people")
                            || route.path().equals("/api/entry-logs")
                            || route.path().startsWith("/zkteco"))
                    && !route.path().startsWith("/zkteco/users")
                    && !route.path().startsWith("/zkteco/gates");
            if (mayRead) {
                continue;
            }
            route.call(viewer, MediaType.APPLICATION_JSON)
                    .expectStatus()
                    .isForbidden()
                    .expectHeader()
                    .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody()
                    .jsonPath("$.detail")
                    .value(d -> assertThat((String) d)
                            .startsWith("Role VIEWER may not " + route.method().name() + " " + route.path()));
        }
    }

    @Test
    void aGateTokenPostsEventsAndNothingElse() {
        String token = newGateToken("G-ingest");
        String cnic = person();
        WebTestClient gate = api.bearer(token);
        gate.post()
                .uri("/api/events")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(SecuredApi.entry(cnic))
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.outcome")
                .isEqualTo("OPENED");
        gate.post()
                .uri("/api/events/batch")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(List.of(SecuredApi.entry(cnic)))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.accepted")
                .isEqualTo(1);
        for (Route route : ROUTES) {
            if (route.method() == HttpMethod.POST && route.path().startsWith("/api/events")) {
                continue;
            }
            route.call(gate, MediaType.APPLICATION_JSON)
                    .expectStatus()
                    .isForbidden()
                    .expectBody()
                    .jsonPath("$.detail")
                    .value(d ->
                            assertThat((String) d).contains("Role GATE may not").contains("may only post events"));
        }
    }

    @Test
    void anUnknownGateTokenIs401() {
        api.bearer(GateTokens.PREFIX + "not-a-token")
                .post()
                .uri("/api/events")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(SecuredApi.entry(SecuredApi.newCnic()))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"GateSync\", error=\"invalid_token\"")
                .expectBody()
                .jsonPath("$.errors[0].message")
                .value(m -> assertThat((String) m).contains("unknown or revoked gate token"));
    }

    @Test
    void aRevokedGateTokenIsRefusedAtOnceWhereRevokedAndElsewhereWithinTheCacheWindow() {
        String cnic = person();
        Map<?, ?> here = api.createGate(admin, "G-revoked-here");
        tokens.add((String) here.get("token"));
        postEvent((String) here.get("token"), cnic).expectStatus().isAccepted().expectBody(Void.class);
        admin.delete()
                .uri("/zkteco/gates/{id}", here.get("id"))
                .exchange()
                .expectStatus()
                .isNoContent()
                .expectBody(Void.class);
        postEvent((String) here.get("token"), cnic)
                .expectStatus()
                .isUnauthorized()
                .expectBody(Void.class);
        admin.delete()
                .uri("/zkteco/gates/{id}", here.get("id"))
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.detail")
                .value(d -> assertThat((String) d).contains("already revoked"));

        // revoked by another api instance: this one trusts its cached look-up for at most GATESYNC_SECURITY_CACHE_FOR
        Map<?, ?> elsewhere = api.createGate(admin, "G-revoked-elsewhere");
        String token = (String) elsewhere.get("token");
        tokens.add(token);
        postEvent(token, cnic).expectStatus().isAccepted().expectBody(Void.class);
        Instant revoked = Instant.now();
        db.update(
                "UPDATE gates SET revoked_at = UTC_TIMESTAMP(3), revoked_by = 'other-instance' WHERE id = ?",
                elsewhere.get("id"));
        postEvent(token, cnic).expectStatus().isAccepted().expectBody(Void.class); // still cached
        // polled by status: a failed WebTestClient assertion would log the request, token and all
        await().atMost(CACHE_FOR.plusSeconds(3))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> postEvent(token, cnic)
                                .expectBody(Void.class)
                                .returnResult()
                                .getStatus()
                                .value()
                        == 401);
        assertThat(Duration.between(revoked, Instant.now())).isLessThan(CACHE_FOR.plusSeconds(3));

        List<?> gates = get(admin, "/zkteco/gates")
                .expectStatus()
                .isOk()
                .expectBody(List.class)
                .returnResult()
                .getResponseBody();
        assertThat(gates)
                .noneMatch(g -> ((Map<?, ?>) g).get("name").toString().startsWith("G-revoked"))
                .allMatch(g -> !((Map<?, ?>) g).containsKey("token"));
    }

    @Test
    void aGateIsCreatedWithItsTokenShownOnceAndListedWithout() {
        Map<?, ?> created = api.createGate(admin, "  G7  ");
        String token = (String) created.get("token");
        tokens.add(token);
        assertThat(created.get("name")).isEqualTo("G7");
        assertThat(token).startsWith(GateTokens.PREFIX).hasSizeGreaterThan(40);
        assertThat(created.get("createdAt")).isNotNull();
        String stored = db.queryForObject("SELECT token_hash FROM gates WHERE id = ?", String.class, created.get("id"));
        assertThat(stored).isEqualTo(GateTokens.hash(token)).doesNotContain(token);
        get(admin, "/zkteco/gates")
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(list -> assertThat(list).contains("\"G7\"").doesNotContain(token));
        admin.post()
                .uri("/zkteco/gates")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", " "))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("name");
        admin.delete()
                .uri("/zkteco/gates/seven")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("id");
    }

    @Test
    void formLoginGivesAnHttpOnlySameSiteSessionWhoseChangesNeedTheCsrfToken() {
        Browser page = api.openLoginPage();
        EntityExchangeResult<Void> login = SecuredApi.submitLogin(page, ADMIN, ADMIN_PASSWORD);
        assertThat(login.getResponseHeaders().getLocation()).hasToString("/zkteco");
        ResponseCookie session = SecuredApi.sessionCookie(login);
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        assertThat(session.getValue()).as("a new session id at sign-in").isNotEqualTo(page.session());

        Browser browser = api.signIn(ADMIN, ADMIN_PASSWORD);
        expectOk(SecuredApi.getJson(browser.client(), "/zkteco/sync-status"));
        int gates = db.queryForObject("SELECT COUNT(*) FROM gates", Integer.class);
        postGate(browser, null)
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("X-CSRF-TOKEN");
        postGate(browser, "wrong").expectStatus().isForbidden().expectBody(Void.class);
        assertThat(db.queryForObject("SELECT COUNT(*) FROM gates", Integer.class))
                .isEqualTo(gates);

        Map<?, ?> created = jsonObject(postGate(browser, browser.csrf()), HttpStatus.CREATED);
        tokens.add((String) created.get("token"));
        assertThat(db.queryForObject("SELECT created_by FROM gates WHERE id = ?", String.class, created.get("id")))
                .isEqualTo(ADMIN);
    }

    /** The browser's {@code POST /zkteco/gates} of gate G-csrf, with this CSRF token, or none when null. */
    private static WebTestClient.ResponseSpec postGate(Browser browser, String csrfToken) {
        WebTestClient.RequestBodySpec request = browser.client().post().uri("/zkteco/gates");
        if (csrfToken != null) {
            request.header("X-CSRF-TOKEN", csrfToken);
        }
        return request.contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "G-csrf"))
                .exchange();
    }

    @Test
    void aWrongPasswordOnTheFormGoesBackToItWithAnError() {
        EntityExchangeResult<Void> failed = SecuredApi.submitLogin(api.openLoginPage(), VIEWER, "not-the-password");
        assertThat(failed.getResponseHeaders().getLocation()).hasToString("/login?error");
        SecuredApi.getHtml(anonymous, "/login?error")
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(html -> assertThat(html).contains("Wrong user name or password"));
        // a sign-in without the form's token (another site's form) is sent back to a fresh form
        EntityExchangeResult<Void> forged = anonymous
                .post()
                .uri("/login")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("username=admin&password=x")
                .exchange()
                .expectStatus()
                .isFound()
                .expectBody(Void.class)
                .returnResult();
        assertThat(forged.getResponseHeaders().getLocation()).hasToString("/login?expired");
    }

    @Test
    void basicAuthChangesNeedNoCsrfTokenAndNeverStartASession() {
        EntityExchangeResult<Map> created = admin.post()
                .uri("/zkteco/gates")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "G-basic"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult();
        tokens.add((String) created.getResponseBody().get("token"));
        assertThat(created.getResponseHeaders().get(HttpHeaders.SET_COOKIE)).isNull();
        for (String path : List.of("/api/people", "/zkteco/sync-status", "/zkteco/csrf", "/actuator/prometheus")) {
            EntityExchangeResult<Void> read =
                    get(admin, path).expectBody(Void.class).returnResult();
            assertThat(read.getResponseHeaders().get(HttpHeaders.SET_COOKIE))
                    .as(path)
                    .isNull();
        }
        // cached Basic credentials a browser attaches to a request another site started do not skip the check
        admin.post()
                .uri("/zkteco/gates")
                .header("Sec-Fetch-Site", "cross-site")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "G-forged"))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody(Void.class);
    }

    @Test
    void logoutEndsTheSession() {
        Browser browser = api.signIn(VIEWER, VIEWER_PASSWORD);
        expectOk(get(browser.client(), "/zkteco/sync-status"));
        EntityExchangeResult<Void> out = browser.client()
                .post()
                .uri("/logout")
                .header("X-CSRF-TOKEN", browser.csrf())
                .exchange()
                .expectStatus()
                .isFound()
                .expectBody(Void.class)
                .returnResult();
        assertThat(out.getResponseHeaders().getLocation()).hasToString("/login?logout");
        unauthorized(SecuredApi.getJson(browser.client(), "/zkteco/sync-status"));
    }

    @Test
    void aDeletedUsersSessionEndsAtOnce() {
        String name = SecuredApi.unique("leaver");
        String password = "leaver-password-1";
        api.createUser(admin, name, password, "VIEWER");
        Browser browser = api.signIn(name, password);
        expectOk(get(browser.client(), "/api/people"));
        admin.delete()
                .uri("/zkteco/users/{u}", name)
                .exchange()
                .expectStatus()
                .isNoContent()
                .expectBody(Void.class);
        unauthorized(SecuredApi.getJson(browser.client(), "/api/people"));
        unauthorized(get(api.basic(name, password), "/api/people"));
    }

    @Test
    void repeatedFailedSignInsLockTheUserNameForThatAddressAndASuccessResetsTheCount() {
        String name = SecuredApi.unique("locky");
        String password = "locky-password-1";
        api.createUser(admin, name, password, "VIEWER");
        WebTestClient wrong = api.basic(name, "wrong-password");
        WebTestClient right = api.basic(name, password);
        for (int i = 0; i < 4; i++) {
            unauthorized(get(wrong, "/api/people"));
        }
        expectOk(get(right, "/api/people")); // resets the count
        for (int i = 0; i < 4; i++) {
            unauthorized(get(wrong, "/api/people"));
        }
        get(wrong, "/api/people")
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader()
                .value(
                        HttpHeaders.RETRY_AFTER,
                        s -> assertThat(Long.parseLong(s)).isBetween(800L, 900L))
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Too many failed sign-ins")
                .jsonPath("$.retryAfter")
                .value(t -> assertThat(Instant.parse((String) t)).isAfter(Instant.now()))
                .jsonPath("$.detail")
                .value(d -> assertThat((String) d)
                        .contains("for this user name from your address")
                        .contains("locked until"));

        // while locked, even the right password is refused from this address, on the form too
        get(right, "/api/people").expectStatus().isEqualTo(429).expectBody(Void.class);
        EntityExchangeResult<Void> form = SecuredApi.submitLogin(api.openLoginPage(), name, password);
        assertThat(form.getResponseHeaders().getLocation().toString()).startsWith("/login?locked=");
        SecuredApi.getHtml(anonymous, form.getResponseHeaders().getLocation().toString())
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(html -> assertThat(html).contains("Too many failed sign-ins. Try again in 15 minutes."));
        // a forged X-Forwarded-For does not move the request elsewhere: no proxy is trusted here
        right.get()
                .uri("/api/people")
                .header("X-Forwarded-For", "198.51.100.7")
                .exchange()
                .expectStatus()
                .isEqualTo(429)
                .expectBody(Void.class);
        // the user, from another address, and other users are not affected
        expectOk(get(api.basicFrom("127.0.0.2", name, password), "/api/people"));
        expectOk(get(viewer, "/api/people"));
    }

    @Test
    void aForgedForwardedForDoesNotSpreadGuessesOverAddresses() {
        String name = SecuredApi.unique("forger");
        api.createUser(admin, name, "forger-password-1", "VIEWER");
        WebTestClient wrong = api.basic(name, "wrong-password");
        for (int i = 1; i <= 4; i++) {
            wrong.get()
                    .uri("/api/people")
                    .header("X-Forwarded-For", "198.51.100." + i)
                    .exchange()
                    .expectStatus()
                    .isUnauthorized()
                    .expectBody(Void.class);
        }
        wrong.get()
                .uri("/api/people")
                .header("X-Forwarded-For", "198.51.100.5")
                .exchange()
                .expectStatus()
                .isEqualTo(429)
                .expectBody(Void.class);
        assertThat(db.queryForList("SELECT DISTINCT address FROM login_failures", String.class))
                .as("counted for the connection's address only")
                .containsOnly("127.0.0.1");
    }

    @Test
    @SuppressWarnings("unchecked")
    void adminsManageUsersWithCheckedFieldsAndTheLastAdminStays() {
        admin.post()
                .uri("/zkteco/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "no spaces", "password", "short", "role", "METRICS"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[*].field")
                .value(f -> assertThat((List<Object>) f).containsExactly("username", "password", "role"))
                .jsonPath("$.errors[1].message")
                .isEqualTo("must be at least 12 characters")
                .jsonPath("$.errors[2].message")
                .isEqualTo("must be ADMIN or VIEWER");
        admin.post()
                .uri("/zkteco/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "toolong", "password", "é".repeat(40), "role", "viewer"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].message")
                .value(m -> assertThat((String) m).contains("72 bytes"));
        admin.post()
                .uri("/zkteco/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", VIEWER.toUpperCase(), "password", "another-password", "role", "VIEWER"))
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("username");
        admin.post()
                .uri("/zkteco/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", METRICS, "password", "another-password", "role", "VIEWER"))
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.errors[0].message")
                .value(m -> assertThat((String) m).contains("GATESYNC_METRICS_USERNAME"));

        String second = SecuredApi.unique("second-admin");
        api.createUser(admin, second, "second-admin-pw", "admin");
        List<Map<String, Object>> users = get(admin, "/zkteco/users")
                .expectStatus()
                .isOk()
                .expectBody(List.class)
                .returnResult()
                .getResponseBody();
        assertThat(users)
                .anySatisfy(u -> assertThat(u)
                        .containsEntry("username", second)
                        .containsEntry("role", "ADMIN")
                        .containsEntry("createdBy", ADMIN)
                        .containsKey("createdAt"));
        assertThat(users).allSatisfy(u -> assertThat(u).containsOnlyKeys("username", "role", "createdAt", "createdBy"));
        expectOk(get(api.basic(second, "second-admin-pw"), "/zkteco/users"));

        // every admin but the environment's goes; then that one is the last and stays
        for (String other : db.queryForList(
                "SELECT username FROM users WHERE role = 'ADMIN' AND username <> ?", String.class, ADMIN)) {
            admin.delete()
                    .uri("/zkteco/users/{u}", other)
                    .exchange()
                    .expectStatus()
                    .isNoContent()
                    .expectBody(Void.class);
        }
        admin.delete()
                .uri("/zkteco/users/{u}", ADMIN)
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.title")
                .isEqualTo("Last admin")
                .jsonPath("$.errors[0].message")
                .value(m -> assertThat((String) m).contains("POST /zkteco/users"));
        admin.delete()
                .uri("/zkteco/users/{u}", "nobody-here")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody(Void.class);
        expectOk(get(admin, "/zkteco/users"));
    }

    @Test
    void prometheusIsForTheMetricsUserAndAdminsAndHealthIsOpen() {
        get(api.basic(METRICS, METRICS_PASSWORD), "/actuator/prometheus")
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(text -> assertThat(text).contains("jvm_memory_used_bytes"));
        expectOk(get(admin, "/actuator/prometheus"));
        for (String other : List.of("/actuator/info", "/api/people", "/zkteco/sync-status")) {
            get(api.basic(METRICS, METRICS_PASSWORD), other)
                    .expectStatus()
                    .isForbidden()
                    .expectBody()
                    .jsonPath("$.detail")
                    .value(d -> assertThat((String) d).contains("may only read /actuator/prometheus"));
        }
        for (String health : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
            ok(get(anonymous, health)).jsonPath("$.status").isEqualTo("UP");
        }
    }

    @Test
    @Order(Integer.MAX_VALUE) // last, so it sees every response body the other tests read
    void secretsNeverAppearInResponsesOrLogs(CapturedOutput output) {
        for (WebTestClient client : List.of(admin, viewer)) {
            for (String path : List.of(
                    "/zkteco/sync-status",
                    "/zkteco/settings",
                    "/zkteco/dead-letters",
                    "/zkteco/overview",
                    "/zkteco/sync-logs",
                    "/zkteco/me",
                    "/zkteco/users",
                    "/zkteco/gates",
                    "/api/people",
                    "/api/entry-logs",
                    "/zkteco/csrf",
                    "/actuator/health",
                    "/actuator/info",
                    "/actuator/prometheus",
                    "/login")) {
                get(client, path).expectBody(String.class);
            }
        }
        get(api.basic(ADMIN, BIOTIME_PASSWORD), "/api/people")
                .expectStatus()
                .isUnauthorized()
                .expectBody(String.class);
        get(api.basic(BIOTIME_PASSWORD, ADMIN_PASSWORD), "/api/people")
                .expectStatus()
                .isUnauthorized()
                .expectBody(String.class);
        admin.post()
                .uri("/zkteco/users")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("username", "bad name", "password", ADMIN_PASSWORD, "role", "x"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody(String.class);

        List<String> secrets = List.of(ADMIN_PASSWORD, VIEWER_PASSWORD, METRICS_PASSWORD, BIOTIME_PASSWORD);
        assertThat(api.bodies())
                .isNotEmpty()
                .allSatisfy(body -> assertThat(body).doesNotContain(secrets));
        assertThat(output.getAll())
                .as("the log")
                .contains("Created admin 'admin'")
                .doesNotContain(secrets)
                .doesNotContain(tokens);
    }

    private static String newGateToken(String name) {
        String token = (String) api.createGate(admin, name).get("token");
        tokens.add(token);
        return token;
    }

    private static String person() {
        String cnic = SecuredApi.newCnic();
        admin.put()
                .uri("/api/people/{cnic}", cnic)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Gate Tester"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Void.class);
        return cnic;
    }

    private static WebTestClient.ResponseSpec postEvent(String token, String cnic) {
        return api.bearer(token)
                .post()
                .uri("/api/events")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(SecuredApi.entry(cnic))
                .exchange();
    }
}
