package io.gatesync.worker.biotime;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.util.UriBuilder;

import io.gatesync.common.config.ZktecoProperties;
import io.gatesync.common.config.ZktecoProperties.AuthScheme;
import io.netty.channel.ChannelOption;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

/**
 * The one BioTime client. Logs in once and shares the token between threads; on 401/403 logs in again and retries
 * the request once; a refused login (BioTime answers 400) is "Authentication failed" and is not retried.
 * Calls block the caller (worker threads are consumer threads), with connect and read timeouts from configuration.
 */
public class BioTimeClient {

    private static final Logger log = LoggerFactory.getLogger(BioTimeClient.class);
    private static final ParameterizedTypeReference<ListPage<Employee>> EMPLOYEES = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<ListPage<Transaction>> TRANSACTIONS =
            new ParameterizedTypeReference<>() {
            };
    private static final ParameterizedTypeReference<Map<String, Object>> TOKEN = new ParameterizedTypeReference<>() {
    };

    private final WebClient web;
    private final ZktecoProperties settings;
    private final Duration callTimeout;
    private final AtomicReference<String> token = new AtomicReference<>();
    private final Object loginLock = new Object();

    public BioTimeClient(WebClient.Builder builder, ZktecoProperties settings) {
        this.settings = settings;
        HttpClient http = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
                .responseTimeout(settings.readTimeout());
        this.web = builder.clone()
                .baseUrl(settings.baseUrl().toString())
                .clientConnector(new ReactorClientHttpConnector(http))
                .defaultHeader(HttpHeaders.ACCEPT_LANGUAGE, "en") // BioTime localises errors otherwise
                .codecs(c -> c.defaultCodecs().maxInMemorySize(64 * 1024 * 1024)) // 5000-row pages
                .build();
        // A backstop for a body that trickles in after the headers came within the read timeout.
        this.callTimeout = settings.connectTimeout().plus(settings.readTimeout().multipliedBy(2));
    }

    // ---- employees ----

    /** The employee whose emp_code is exactly {@code empCode}; some servers match the filter as a prefix. */
    public Optional<Employee> findEmployee(String empCode) {
        ListPage<Employee> page = call("employee lookup", HttpMethod.GET,
                u -> u.path("/personnel/api/employees/").queryParam("emp_code", empCode).queryParam("page", 1)
                        .queryParam("page_size", 100).build(),
                null, EMPLOYEES);
        return page.items().stream().filter(e -> empCode.equals(e.empCode())).findFirst();
    }

    public Employee createEmployee(Map<String, Object> body) {
        return call("employee create", HttpMethod.POST, u -> u.path("/personnel/api/employees/").build(), body,
                ParameterizedTypeReference.forType(Employee.class));
    }

    /** Changes only the given fields (PATCH), leaving what HR set in BioTime (department, areas) alone. */
    public Employee updateEmployee(long id, Map<String, Object> body) {
        return call("employee update", HttpMethod.PATCH,
                u -> u.path("/personnel/api/employees/{id}/").build(id), body,
                ParameterizedTypeReference.forType(Employee.class));
    }

    // ---- transactions ----

    public Transaction createTransaction(Map<String, Object> body) {
        return call("transaction create", HttpMethod.POST, u -> u.path("/iclock/api/transactions/").build(), body,
                ParameterizedTypeReference.forType(Transaction.class));
    }

    /** Punches of one person between two BioTime wall-clock times (inclusive), oldest first. */
    public List<Transaction> findTransactions(String empCode, String startTime, String endTime) {
        return call("transaction lookup", HttpMethod.GET,
                u -> u.path("/iclock/api/transactions/").queryParam("emp_code", empCode)
                        .queryParam("start_time", startTime).queryParam("end_time", endTime)
                        .queryParam("ordering", "punch_time,id").queryParam("page", 1)
                        .queryParam("page_size", settings.pageSize()).build(),
                null, TRANSACTIONS).items();
    }

    // ---- plumbing ----

    private <T> T call(String what, HttpMethod method, Function<UriBuilder, URI> uri, Object body,
            ParameterizedTypeReference<T> type) {
        String used = token();
        try {
            return send(what, method, uri, body, type, used);
        } catch (BioTimeException e) {
            if (!e.isAuthRejection()) {
                throw e;
            }
            log.info("BioTime refused the token ({}); logging in again", e.status());
            token.compareAndSet(used, null);
            return send(what, method, uri, body, type, token());
        }
    }

    private <T> T send(String what, HttpMethod method, Function<UriBuilder, URI> uri, Object body,
            ParameterizedTypeReference<T> type, String authToken) {
        WebClient.RequestBodySpec request = web.method(method).uri(uri);
        if (authToken != null) {
            request.header(HttpHeaders.AUTHORIZATION, scheme() + " " + authToken);
        }
        if (body != null) {
            request.bodyValue(body);
        }
        try {
            return request.exchangeToMono(response -> response.statusCode().is2xxSuccessful()
                    ? response.bodyToMono(type)
                    : response.bodyToMono(String.class).defaultIfEmpty("").flatMap(
                            text -> Mono.error(BioTimeException.http(what, response.statusCode().value(), text))))
                    .timeout(callTimeout)
                    .block();
        } catch (BioTimeException e) {
            throw e;
        } catch (WebClientRequestException e) {
            throw isTimeout(e) ? BioTimeException.timeout(what, e) : BioTimeException.unreachable(what, e);
        } catch (RuntimeException e) {
            if (isTimeout(e)) {
                throw BioTimeException.timeout(what, e);
            }
            throw e;
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
        String path = settings.authScheme() == AuthScheme.TOKEN ? "/api-token-auth/" : "/jwt-api-token-auth/";
        Map<String, Object> credentials = Map.of("username", settings.username(), "password", settings.password());
        try {
            Map<String, Object> answer = send("login", HttpMethod.POST, u -> u.path(path).build(), credentials, TOKEN,
                    null);
            Object value = answer == null ? null : answer.get("token");
            if (value == null) {
                throw BioTimeException.authenticationFailed("no token in BioTime's answer");
            }
            log.info("Logged in to BioTime at {} as {}", settings.baseUrl(), settings.username());
            return value.toString();
        } catch (BioTimeException e) {
            if (e.status() == 400 || e.status() == 401 || e.status() == 403) {
                throw BioTimeException.authenticationFailed("BioTime refused user " + settings.username()
                        + " (check ZKTECO_USERNAME and ZKTECO_PASSWORD)");
            }
            throw e;
        }
    }
}
