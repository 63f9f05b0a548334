package io.gatesync.worker.biotime;

import static io.gatesync.worker.biotime.BioTimeEndpoint.*;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

import io.netty.channel.ChannelOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.util.UriBuilder;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import io.gatesync.common.config.ZktecoProperties;
import io.gatesync.common.config.ZktecoProperties.AuthScheme;
import io.gatesync.common.text.Texts;
import io.gatesync.worker.biotime.NamingTrustManager.RefusedCertificateException;

/**
 * The one BioTime client. Every request passes the {@link RequestGate} (circuit breaker, in-flight share, cluster
 * rate budget). Logs in once and shares the token between threads; when BioTime refuses the token (a 401, or a 403
 * with DRF's authentication detail) logs in again and retries the request once; a refused login (BioTime answers
 * 400) is "Authentication failed", not retried, and keeps every worker from logging in for a minute
 * ({@link LoginGuard}). Lists are
 * read page by page by number, never by following {@code next}. Calls block the caller (worker threads are
 * consumer threads), with connect and read timeouts from configuration.
 */
public class BioTimeClient {

    private static final Logger log = LoggerFactory.getLogger(BioTimeClient.class);
    private static final ParameterizedTypeReference<ListPage<Employee>> EMPLOYEES =
            new ParameterizedTypeReference<>() {};
    private static final ParameterizedTypeReference<ListPage<Transaction>> TRANSACTIONS =
            new ParameterizedTypeReference<>() {};
    private static final ParameterizedTypeReference<Map<String, Object>> OBJECT = new ParameterizedTypeReference<>() {};
    private static final ParameterizedTypeReference<ListPage<Map<String, Object>>> OBJECTS =
            new ParameterizedTypeReference<>() {};
    private static final ParameterizedTypeReference<ListPage<Terminal>> TERMINALS =
            new ParameterizedTypeReference<>() {};
    private static final ParameterizedTypeReference<ListPage<ManualLog>> MANUAL_LOGS =
            new ParameterizedTypeReference<>() {};
    private static final ParameterizedTypeReference<Employee> EMPLOYEE =
            ParameterizedTypeReference.forType(Employee.class);
    private static final ParameterizedTypeReference<Transaction> TRANSACTION =
            ParameterizedTypeReference.forType(Transaction.class);
    private static final ParameterizedTypeReference<Terminal> TERMINAL =
            ParameterizedTypeReference.forType(Terminal.class);
    private static final ParameterizedTypeReference<ManualLog> MANUAL_LOG =
            ParameterizedTypeReference.forType(ManualLog.class);
    private static final ParameterizedTypeReference<String> TEXT = ParameterizedTypeReference.forType(String.class);
    /** How many rows a look-up by a filter reads (its first page only). */
    private static final int FIND_PAGE_SIZE = 100;
    /** For a list read without filters. */
    private static final Consumer<UriBuilder> NO_FILTER = u -> {};

    private final WebClient web;
    private final ZktecoProperties settings;
    private final RequestGate gate;
    private final LoginGuard loginGuard;
    private final Duration callTimeout;
    private final AtomicReference<String> token = new AtomicReference<>();
    /** The refused certificate's message while BioTime's certificate is refused, logged once; null otherwise. */
    private final AtomicReference<String> trustProblem = new AtomicReference<>();

    private final Object loginLock = new Object();

    /** A client that trusts what ZKTECO_CA_CERT gives, or the JVM's trust store ({@link BioTimeTls#bundle}). */
    public BioTimeClient(
            WebClient.Builder builder, ZktecoProperties settings, RequestGate gate, LoginGuard loginGuard) {
        this(builder, settings, gate, loginGuard, BioTimeTls.bundle(settings));
    }

    /** {@code tls}: the {@code biotime} SSL bundle, used when ZKTECO_BASE_URL is https. */
    public BioTimeClient(
            WebClient.Builder builder,
            ZktecoProperties settings,
            RequestGate gate,
            LoginGuard loginGuard,
            SslBundle tls) {
        this.settings = settings;
        this.gate = gate;
        this.loginGuard = loginGuard;
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int)
                        settings.connectTimeout().toMillis())
                .responseTimeout(settings.readTimeout());
        // the scheme is the configured URL's, and redirects are not followed: an https BioTime is never spoken to
        // in clear
        if ("https".equals(settings.baseUrl().getScheme())) {
            http = BioTimeTls.secure(http, tls);
        }
        this.web = builder.clone()
                .baseUrl(settings.baseUrl().toString())
                .clientConnector(new ReactorClientHttpConnector(http))
                .defaultHeader(HttpHeaders.ACCEPT_LANGUAGE, "en") // BioTime localises errors otherwise
                .codecs(c -> c.defaultCodecs().maxInMemorySize(64 * 1024 * 1024)) // 5000-row pages
                .build();
        // A backstop for a body that trickles in after the headers came within the read timeout.
        this.callTimeout = settings.connectTimeout().plus(settings.readTimeout().multipliedBy(2));
    }

    /**
     * The longest a call can still be under way once sent: the backstop timeout, twice (one retry after a re-login).
     * A push marked as started longer ago than this (plus the wait for a budget slot) has ended, one way or another.
     */
    public Duration longestCall() {
        return callTimeout.multipliedBy(2);
    }

    // ---- employees ----

    /** The employee whose emp_code is exactly {@code empCode}; some servers match the filter as a prefix. */
    public Optional<Employee> findEmployee(String empCode) {
        return findExact(
                EMPLOYEES_LIST, "/personnel/api/employees/", "emp_code", empCode, EMPLOYEES, Employee::empCode);
    }

    public ListPage<Employee> employees(int page, int pageSize) {
        return listPage(EMPLOYEES_LIST, "/personnel/api/employees/", NO_FILTER, page, pageSize, EMPLOYEES);
    }

    public Employee createEmployee(Map<String, Object> body) {
        return create(EMPLOYEES_CREATE, "/personnel/api/employees/", body, EMPLOYEE);
    }

    /** Changes only the given fields (PATCH), leaving what HR set in BioTime (department, areas) alone. */
    public Employee updateEmployee(long id, Map<String, Object> body) {
        return call(
                EMPLOYEES_UPDATE,
                HttpMethod.PATCH,
                u -> u.path("/personnel/api/employees/{id}/").build(id),
                body,
                EMPLOYEE);
    }

    // ---- resignations ----

    /**
     * The ids of the employee's resignations ({@code /personnel/api/resigns/?employee=}); the answer is filtered
     * here too, in case a server ignores the filter. An employee has none while employed.
     */
    public List<Long> resignations(long employeeId) {
        ListPage<Map<String, Object>> page = listPage(
                RESIGNS_LIST,
                "/personnel/api/resigns/",
                u -> u.queryParam("employee", employeeId),
                1,
                FIND_PAGE_SIZE,
                OBJECTS);
        return page.items().stream()
                .filter(r -> employeeId == idOf(r.get("employee")))
                .map(r -> idOf(r.get("id")))
                .toList();
    }

    /**
     * Resigns the employee with attendance disabled ({@code disableatt}), so terminals stop taking them; the
     * employee stays in BioTime. Returns the resignation's id.
     */
    public long resign(long employeeId, java.time.LocalDate on, String reason) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("employee", employeeId);
        body.put("resign_date", on.toString());
        body.put("resign_type", 1);
        body.put("reason", reason);
        body.put("disableatt", true);
        return idOf(
                create(RESIGNS_CREATE, "/personnel/api/resigns/", body, OBJECT).get("id"));
    }

    /** Reinstates: the resignations go and the employee's attendance is on again. */
    public void reinstate(List<Long> resignationIds) {
        create(RESIGNS_REINSTATE, "/personnel/api/resigns/reinstatement/", Map.of("resigns", resignationIds), OBJECT);
    }

    /** An id as BioTime writes it: a number, a numeric string, or an expanded object with an {@code id}. */
    private static long idOf(Object value) {
        if (value instanceof Map<?, ?> object) {
            return idOf(object.get("id"));
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        try {
            return Long.parseLong(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * A department, area or position ({@code kind} "departments", "areas" or "positions") as BioTime shows it, or
     * empty when BioTime has none with that id (a 404); any other failure is thrown.
     */
    public Optional<Map<String, Object>> orgUnit(String kind, long id) {
        try {
            return Optional.of(call(
                    BioTimeEndpoint.orgUnitGet(kind),
                    HttpMethod.GET,
                    u -> u.path("/personnel/api/" + kind + "/{id}/").build(id),
                    null,
                    OBJECT));
        } catch (BioTimeException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    public boolean orgUnitExists(String kind, long id) {
        return orgUnit(kind, id).isPresent();
    }

    /** The cheapest authenticated request, to see whether BioTime answers again. */
    public void probe() {
        listPage(DEPARTMENTS_LIST, "/personnel/api/departments/", NO_FILTER, 1, 1, OBJECT);
    }

    // ---- punches ----

    public Transaction createTransaction(Map<String, Object> body) {
        return create(TRANSACTIONS_CREATE, "/iclock/api/transactions/", body, TRANSACTION);
    }

    /** One transaction, as BioTime holds it now. */
    public Transaction transaction(long id) {
        return call(
                TRANSACTIONS_GET,
                HttpMethod.GET,
                u -> u.path("/iclock/api/transactions/{id}/").build(id),
                null,
                TRANSACTION);
    }

    /** Deletes a transaction (documented: List, Read, Delete, Export); a 404 means it is gone already. */
    public void deleteTransaction(long id) {
        try {
            call(
                    TRANSACTIONS_DELETE,
                    HttpMethod.DELETE,
                    u -> u.path("/iclock/api/transactions/{id}/").build(id),
                    null,
                    TEXT);
        } catch (BioTimeException e) {
            if (e.status() != 404) {
                throw e;
            }
        }
    }

    /** A manual log (8.x spelling {@code manuallogs}); BioTime answers 201 with the manual log, not a transaction. */
    public ManualLog createManualLog(Map<String, Object> body) {
        return create(MANUALLOGS_CREATE, "/att/api/manuallogs/", body, MANUAL_LOG);
    }

    /**
     * One page of an employee's manual logs between two BioTime wall-clock times (inclusive); {@code approvalStatus}
     * filters when not null. Some 8.x builds answer 500 to any manual-log list.
     */
    public ListPage<ManualLog> manualLogs(
            Long employee, String startTime, String endTime, Integer approvalStatus, int page, int pageSize) {
        return listPage(
                MANUALLOGS_LIST,
                "/att/api/manuallogs/",
                u -> {
                    optional(u, "employee", employee);
                    optional(u, "start_time", startTime);
                    optional(u, "end_time", endTime);
                    optional(u, "approval_status", approvalStatus);
                },
                page,
                pageSize,
                MANUAL_LOGS);
    }

    // ---- terminals ----

    /** The terminal with exactly this serial number, if BioTime has one. */
    public Optional<Terminal> findTerminal(String sn) {
        return findExact(TERMINALS_LIST, "/iclock/api/terminals/", "sn", sn, TERMINALS, Terminal::sn);
    }

    public ListPage<Terminal> terminals(int page, int pageSize) {
        return listPage(TERMINALS_LIST, "/iclock/api/terminals/", NO_FILTER, page, pageSize, TERMINALS);
    }

    public Terminal createTerminal(Map<String, Object> body) {
        return create(TERMINALS_CREATE, "/iclock/api/terminals/", body, TERMINAL);
    }

    /**
     * Uploads punches as a terminal does (ADMS): one {@code ATTLOG} line per punch, many per request. BioTime
     * answers plain text ("OK"); it needs no login.
     */
    public String uploadAttlog(String terminalSn, String lines) {
        return gate.pass(
                ADMS_ATTLOG,
                () -> exchange(
                        ADMS_ATTLOG,
                        web.post()
                                .uri(u -> u.path("/iclock/cdata")
                                        .queryParam("SN", terminalSn)
                                        .queryParam("table", "ATTLOG")
                                        .queryParam("Stamp", System.currentTimeMillis() / 1000)
                                        .build())
                                .contentType(MediaType.TEXT_PLAIN)
                                .bodyValue(lines),
                        TEXT));
    }

    // ---- transactions ----

    /**
     * One page of transactions between two BioTime wall-clock times (inclusive), ordered {@code punch_time,id}
     * for stable paging. {@code empCode} and {@code terminalSn} filter when not null.
     */
    public ListPage<Transaction> transactions(
            String empCode, String terminalSn, String startTime, String endTime, int page, int pageSize) {
        return listPage(
                TRANSACTIONS_LIST,
                "/iclock/api/transactions/",
                u -> {
                    optional(u, "emp_code", empCode);
                    optional(u, "terminal_sn", terminalSn);
                    u.queryParam("start_time", startTime)
                            .queryParam("end_time", endTime)
                            .queryParam("ordering", "punch_time,id");
                },
                page,
                pageSize,
                TRANSACTIONS);
    }

    /**
     * One page of all transactions in the given {@code ordering} (a server may ignore it: callers check), whatever
     * their punch time: how punches that arrived late are found.
     */
    public ListPage<Transaction> arrivals(String ordering, int page, int pageSize) {
        return listPage(
                TRANSACTIONS_LIST,
                "/iclock/api/transactions/",
                u -> u.queryParam("ordering", ordering),
                page,
                pageSize,
                TRANSACTIONS);
    }

    /** Punches of one person between two BioTime wall-clock times (inclusive), oldest first. */
    public List<Transaction> findTransactions(String empCode, String startTime, String endTime) {
        return transactions(empCode, null, startTime, endTime, 1, settings.pageSize())
                .items();
    }

    // ---- plumbing ----

    /** A filter BioTime applies only when given (django-filter skips absent ones). */
    private static void optional(UriBuilder u, String name, Object value) {
        if (value != null) {
            u.queryParam(name, value);
        }
    }

    /**
     * The first page of a list filtered by {@code filter}={@code value}, searched for the item whose {@code key} is
     * exactly {@code value}: some servers match such a filter as a prefix.
     */
    private <T> Optional<T> findExact(
            BioTimeEndpoint endpoint,
            String path,
            String filter,
            String value,
            ParameterizedTypeReference<ListPage<T>> type,
            Function<T, String> key) {
        ListPage<T> page = listPage(endpoint, path, u -> u.queryParam(filter, value), 1, FIND_PAGE_SIZE, type);
        return page.items().stream()
                .filter(item -> value.equals(key.apply(item)))
                .findFirst();
    }

    /**
     * A GET of one page of the list at {@code path}: the query parameters {@code filters} adds come first, then
     * {@code page} and {@code page_size}.
     */
    private <T> T listPage(
            BioTimeEndpoint endpoint,
            String path,
            Consumer<UriBuilder> filters,
            int page,
            int pageSize,
            ParameterizedTypeReference<T> type) {
        return call(
                endpoint,
                HttpMethod.GET,
                u -> {
                    u.path(path);
                    filters.accept(u);
                    return u.queryParam("page", page)
                            .queryParam("page_size", pageSize)
                            .build();
                },
                null,
                type);
    }

    /** A POST of {@code body} to {@code path}, answered with what it created. */
    private <T> T create(BioTimeEndpoint endpoint, String path, Object body, ParameterizedTypeReference<T> type) {
        return call(endpoint, HttpMethod.POST, u -> u.path(path).build(), body, type);
    }

    private <T> T call(
            BioTimeEndpoint endpoint,
            HttpMethod method,
            Function<UriBuilder, URI> uri,
            Object body,
            ParameterizedTypeReference<T> type) {
        String used = token();
        try {
            return send(endpoint, method, uri, body, type, used);
        } catch (BioTimeException e) {
            if (!e.isAuthRejection()) {
                throw e;
            }
            log.info("BioTime refused the token ({}); logging in again", e.status());
            token.compareAndSet(used, null);
            return send(endpoint, method, uri, body, type, token());
        }
    }

    private <T> T send(
            BioTimeEndpoint endpoint,
            HttpMethod method,
            Function<UriBuilder, URI> uri,
            Object body,
            ParameterizedTypeReference<T> type,
            String authToken) {
        return gate.pass(endpoint, () -> {
            WebClient.RequestBodySpec request = web.method(method).uri(uri);
            if (authToken != null) {
                request.header(HttpHeaders.AUTHORIZATION, scheme() + " " + authToken);
            }
            if (body != null) {
                request.bodyValue(body);
            }
            return exchange(endpoint, request, type);
        });
    }

    private <T> T exchange(
            BioTimeEndpoint endpoint, WebClient.RequestHeadersSpec<?> request, ParameterizedTypeReference<T> type) {
        String what = endpoint.label();
        try {
            T answer = request.exchangeToMono(response -> response.statusCode().is2xxSuccessful()
                            ? response.bodyToMono(type)
                            : response.bodyToMono(String.class)
                                    .defaultIfEmpty("")
                                    .flatMap(text -> Mono.error(BioTimeException.http(
                                            what, response.statusCode().value(), text, retryAfter(response)))))
                    .timeout(callTimeout)
                    .block();
            trusted();
            return answer;
        } catch (BioTimeException e) {
            if (e.status() > 0) {
                trusted(); // BioTime answered, so the handshake went through
            }
            throw e;
        } catch (RuntimeException e) {
            RefusedCertificateException refused = Texts.causeOf(e, RefusedCertificateException.class);
            if (refused != null) {
                throw untrusted(refused, e);
            }
            if (isTimeout(e)) {
                throw BioTimeException.timeout(what, e);
            }
            if (e instanceof WebClientRequestException
                    || e.getClass().getName().startsWith("org.springframework.web.reactive.function.client")
                    || e.getCause() instanceof java.io.IOException) {
                throw BioTimeException.unreachable(what, e); // connection closed mid-answer and the like
            }
            throw e;
        }
    }

    /**
     * While BioTime's certificate is refused, the reason (which certificate, which setting to change); empty once a
     * handshake succeeds. Test-connection shows it even while the open circuit keeps requests here.
     */
    public Optional<String> trustProblem() {
        return Optional.ofNullable(trustProblem.get());
    }

    /** This worker's circuit breaker now: test-connection reports it beside what it found. */
    public CircuitBreaker.State circuit() {
        return gate.breaker().state();
    }

    /** Logged once while it lasts, not on every request, retry and probe. */
    private BioTimeException untrusted(RefusedCertificateException refused, Exception e) {
        String message = BioTimeTls.describe(refused, settings);
        if (!message.equals(trustProblem.getAndSet(message))) {
            log.error("{} (nothing is sent to BioTime until it is trusted)", message);
        }
        return BioTimeException.untrustedCertificate(message, e);
    }

    private void trusted() {
        if (trustProblem.get() != null && trustProblem.getAndSet(null) != null) {
            log.info("BioTime's certificate is trusted again");
        }
    }

    private static Duration retryAfter(ClientResponse response) {
        String value = response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER);
        if (value == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(value.trim()));
        } catch (NumberFormatException httpDate) {
            return null; // the HTTP-date form is rare from proxies; the gate's default pause applies
        }
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TimeoutException || t.getClass().getSimpleName().contains("Timeout")) {
                return true;
            }
        }
        return false;
    }

    private String scheme() {
        return settings.authScheme() == AuthScheme.TOKEN ? "Token" : "JWT";
    }

    /** The shared token; the first thread to need one logs in, the others wait for it. */
    private String token() {
        String current = token.get();
        if (current != null) {
            return current;
        }
        synchronized (loginLock) {
            current = token.get();
            if (current == null) {
                current = login();
                token.set(current);
            }
            return current;
        }
    }

    private String login() {
        loginGuard.beforeLogin();
        String path = settings.authScheme() == AuthScheme.TOKEN ? "/api-token-auth/" : "/jwt-api-token-auth/";
        Map<String, Object> credentials = Map.of("username", settings.username(), "password", settings.password());
        try {
            Map<String, Object> answer =
                    send(LOGIN, HttpMethod.POST, u -> u.path(path).build(), credentials, OBJECT, null);
            Object value = answer == null ? null : answer.get("token");
            if (value == null) {
                throw BioTimeException.authenticationFailed("no token in BioTime's answer");
            }
            log.info("Logged in to BioTime at {} as {}", settings.baseUrl(), settings.username());
            return value.toString();
        } catch (BioTimeException e) {
            if (e.status() == 400 || e.status() == 401 || e.status() == 403) {
                String why = "BioTime refused user " + settings.username() + " (check ZKTECO_USERNAME and "
                        + "ZKTECO_PASSWORD; no worker tries again for " + LoginGuard.COOLDOWN.toSeconds() + " s)";
                loginGuard.refused(why);
                throw BioTimeException.authenticationFailed(why);
            }
            throw e;
        }
    }
}
