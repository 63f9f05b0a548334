package io.gatesync.api.security;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import io.gatesync.api.ApiApplication;
import io.gatesync.api.Responses;
import io.gatesync.testsupport.TestServices;

/**
 * A running api for the security tests, with clients that sign in each way (Basic, Bearer, a browser session), and
 * a record of every response body, so tests can show no secret ever leaves in one.
 */
final class SecuredApi implements AutoCloseable {

    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    final ConfigurableApplicationContext context;
    final String database;
    private final String baseUrl;
    private final List<String> bodies = Collections.synchronizedList(new ArrayList<>());

    private SecuredApi(ConfigurableApplicationContext context, String database) {
        this.context = context;
        this.database = database;
        this.baseUrl = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    /** Starts the api on a new database (or the given one) with these extra arguments. */
    static SecuredApi start(String database, String... args) {
        TestServices services = TestServices.get();
        String db = database != null ? database : services.newDatabase();
        List<String> all = new ArrayList<>(Arrays.asList(services.springArgs(db, services.newQueuePrefix())));
        all.addAll(List.of("--server.port=0", "--spring.main.banner-mode=off"));
        all.addAll(Arrays.asList(args));
        return new SecuredApi(ApiApplication.builder().run(all.toArray(String[]::new)), db);
    }

    /** Starts the api on a new database with this first admin, and these extra arguments. */
    static SecuredApi startWithAdmin(String username, String password, String... args) {
        List<String> all = new ArrayList<>(
                List.of("--gatesync.admin.username=" + username, "--gatesync.admin.password=" + password));
        all.addAll(Arrays.asList(args));
        return start(null, all.toArray(String[]::new));
    }

    /** {@code GET uri} as a browser asks for a page: accepting HTML. */
    static WebTestClient.ResponseSpec getHtml(WebTestClient client, String uri) {
        return client.get().uri(uri).accept(MediaType.TEXT_HTML).exchange();
    }

    /** {@code GET uri} as a page's script asks: accepting JSON. */
    static WebTestClient.ResponseSpec getJson(WebTestClient client, String uri) {
        return client.get().uri(uri).accept(MediaType.APPLICATION_JSON).exchange();
    }

    /** Every response body read so far, as text. */
    List<String> bodies() {
        synchronized (bodies) {
            return List.copyOf(bodies);
        }
    }

    WebTestClient anonymous() {
        return client().build();
    }

    WebTestClient basic(String username, String password) {
        return client().defaultHeaders(h -> h.setBasicAuth(username, password)).build();
    }

    WebTestClient bearer(String token) {
        return client().defaultHeaders(h -> h.setBearerAuth(token)).build();
    }

    /**
     * HTTP Basic from another loopback address ({@code 127.0.0.2}, …): the api sees a client at that address, as
     * if it were another machine (Linux routes all of 127.0.0.0/8 to the loopback interface).
     */
    WebTestClient basicFrom(String address, String username, String password) {
        return client(address)
                .defaultHeaders(h -> h.setBasicAuth(username, password))
                .build();
    }

    private WebTestClient.Builder client() {
        return client(null);
    }

    private WebTestClient.Builder client(String from) {
        WebTestClient.Builder builder = from == null
                ? WebTestClient.bindToServer()
                : WebTestClient.bindToServer(new ReactorClientHttpConnector(
                        HttpClient.create().bindAddress(() -> new InetSocketAddress(from, 0))));
        return builder.baseUrl(baseUrl).responseTimeout(Duration.ofSeconds(30)).filter(recordBodies());
    }

    /** Keeps a copy of each response body as it streams by. */
    private ExchangeFilterFunction recordBodies() {
        return ExchangeFilterFunction.ofResponseProcessor(response -> Mono.just(response.mutate()
                .body(flux -> flux.doOnNext(buffer -> bodies.add(buffer.toString(
                        buffer.readPosition(), buffer.readableByteCount(), java.nio.charset.StandardCharsets.UTF_8))))
                .build()));
    }

    /** A browser: its session cookie, and the CSRF token of the page it was shown. */
    record Browser(SecuredApi api, String session, String csrf) {

        WebTestClient client() {
            return api.client().defaultCookie("SESSION", session).build();
        }
    }

    /** Opens the login page: a new (anonymous) browser session with the form's CSRF token. */
    Browser openLoginPage() {
        EntityExchangeResult<String> page = getHtml(anonymous(), "/login")
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult();
        Matcher token = CSRF_FIELD.matcher(page.getResponseBody());
        if (!token.find()) {
            throw new AssertionError("no CSRF field on the login page: " + page.getResponseBody());
        }
        return new Browser(this, sessionCookie(page).getValue(), token.group(1));
    }

    /** Signs in with the login form; returns the response (302) for the caller to check. */
    static EntityExchangeResult<Void> submitLogin(Browser browser, String username, String password) {
        return browser.client()
                .post()
                .uri("/login")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .body(BodyInserters.fromFormData("username", username)
                        .with("password", password)
                        .with("_csrf", browser.csrf()))
                .exchange()
                .expectStatus()
                .isFound()
                .expectBody(Void.class)
                .returnResult();
    }

    /** Signs in with the login form and fetches the session's CSRF token for unsafe requests. */
    Browser signIn(String username, String password) {
        EntityExchangeResult<Void> login = submitLogin(openLoginPage(), username, password);
        String location = login.getResponseHeaders().getFirst(HttpHeaders.LOCATION);
        if (location == null || !location.endsWith("/zkteco")) {
            throw new AssertionError("sign-in as " + username + " failed: redirected to " + location);
        }
        String session = sessionCookie(login).getValue();
        Map<?, ?> csrf = Responses.jsonObject(
                client().defaultCookie("SESSION", session)
                        .build()
                        .get()
                        .uri("/zkteco/csrf")
                        .accept(MediaType.APPLICATION_JSON)
                        .exchange(),
                HttpStatus.OK);
        return new Browser(this, session, (String) csrf.get("token"));
    }

    static ResponseCookie sessionCookie(EntityExchangeResult<?> result) {
        ResponseCookie cookie = result.getResponseCookies().getFirst("SESSION");
        if (cookie == null) {
            throw new AssertionError("no session cookie in " + result.getResponseHeaders());
        }
        return cookie;
    }

    /** Creates a user through the api, as the given admin. */
    void createUser(WebTestClient admin, String username, String password, String role) {
        Responses.postJson(admin, "/zkteco/users", Map.of("username", username, "password", password, "role", role))
                .expectStatus()
                .isCreated()
                .expectBody(Void.class);
    }

    /** Creates a gate through the api; returns {id, name, token, createdAt}. */
    Map<?, ?> createGate(WebTestClient admin, String name) {
        return Responses.jsonObject(
                Responses.postJson(admin, "/zkteco/gates", Map.of("name", name)), HttpStatus.CREATED);
    }

    static String newCnic() {
        return String.format("%013d", ThreadLocalRandom.current().nextLong(1_000_000_000_000L, 9_999_999_999_999L));
    }

    static Map<String, String> entry(String cnic) {
        return Map.of(
                "eventId",
                "ev-" + cnic + "-" + System.nanoTime(),
                "cnic",
                cnic,
                "direction",
                "ENTRY",
                "time",
                "2026-11-24T09:00:00+05:00",
                "gate",
                "G1");
    }

    static String unique(String prefix) {
        return prefix + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    }

    @Override
    public void close() {
        context.close();
    }
}
