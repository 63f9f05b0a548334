package io.gatesync.worker.biotime;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.reactive.function.client.WebClient;

import io.gatesync.common.config.ZktecoProperties;
import io.gatesync.sim.SimApplication;
import io.gatesync.sim.tls.SimCertificate;
import io.gatesync.testsupport.TestServices;

/**
 * A simulator and a migrated database for client contract tests, and a way to build the client stack
 * (gate, budget, breaker) the way the worker does, with any settings.
 */
final class BioTimeFixture implements AutoCloseable {

    final ConfigurableApplicationContext sim;
    final String simUrl;
    /** With {@code --sim.tls=true}: the PEM of the simulator's certificate (what ZKTECO_CA_CERT names), else null. */
    final Path certificate;

    final WebTestClient simHttp;
    final DriverManagerDataSource dataSource;
    final JdbcClient jdbc;
    final TransactionTemplate tx;

    BioTimeFixture(String... simArgs) {
        String[] args = new String[simArgs.length + 2];
        args[0] = "--server.port=0";
        args[1] = "--spring.main.banner-mode=off";
        System.arraycopy(simArgs, 0, args, 2, simArgs.length);
        sim = SimApplication.builder().run(args);
        boolean tls = Arrays.asList(simArgs).contains("--sim.tls=true");
        certificate = tls ? sim.getBean(SimCertificate.class).pemFile() : null;
        String port = sim.getEnvironment().getProperty("local.server.port");
        simUrl = (tls ? "https" : "http") + "://127.0.0.1:" + port;
        // over TLS the /sim routes are reached as localhost, a name every test certificate holds
        simHttp = (tls
                        ? WebTestClient.bindToServer(TlsClients.trusting(
                                        sim.getBean(SimCertificate.class).certificate()))
                                .baseUrl("https://localhost:" + port)
                        : WebTestClient.bindToServer().baseUrl(simUrl))
                .responseTimeout(Duration.ofSeconds(30))
                .build();
        dataSource = TestServices.get().newMigratedDataSource(); // the tables the client's gate and login guard use
        jdbc = JdbcClient.create(dataSource);
        tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /** Settings pointing at the simulator, with overrides like {@code "zkteco.read-timeout", "500ms"}. */
    ZktecoProperties settings(String... overrides) {
        return settingsFor(simUrl, overrides);
    }

    /** Settings pointing at {@code baseUrl} in the Asia/Karachi zone, with overrides as {@link #settings}. */
    static ZktecoProperties settingsFor(String baseUrl, String... overrides) {
        Map<String, String> values = new HashMap<>();
        values.put("zkteco.base-url", baseUrl);
        values.put("zkteco.timezone", "Asia/Karachi");
        for (int i = 0; i < overrides.length; i += 2) {
            values.put(overrides[i], overrides[i + 1]);
        }
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("zkteco", ZktecoProperties.class);
    }

    record Stack(BioTimeClient client, RequestGate gate, SimpleMeterRegistry metrics, ZktecoProperties settings) {}

    Stack stack(String... overrides) {
        return stack(settings(overrides), jdbc, tx);
    }

    /** The client stack as the worker builds it, with these settings, keeping its state in {@code jdbc}. */
    static Stack stack(ZktecoProperties settings, JdbcClient jdbc, TransactionTemplate tx) {
        SimpleMeterRegistry metrics = new SimpleMeterRegistry();
        RequestGate gate = new RequestGate(
                new CircuitBreaker(3, Duration.ofSeconds(1), Duration.ofSeconds(4), Clock.systemUTC()),
                new InFlightLimit(settings.maxInFlight(), metrics),
                new RateBudget(jdbc, tx, settings::rateLimit, metrics),
                metrics);
        return new Stack(
                new BioTimeClient(WebClient.builder(), settings, gate, new LoginGuard(jdbc)), gate, metrics, settings);
    }

    void faults(String json) {
        simHttp.post()
                .uri("/sim/faults")
                .header("Content-Type", "application/json")
                .bodyValue(json)
                .exchange()
                .expectStatus()
                .is2xxSuccessful();
    }

    /** Adds punches to the simulator's transactions as a terminal would. */
    void addPunches(List<?> rows) {
        simHttp.post()
                .uri("/sim/transactions")
                .header("Content-Type", "application/json")
                .bodyValue(rows)
                .exchange()
                .expectStatus()
                .is2xxSuccessful();
    }

    /** The rows of one of the simulator's lists, e.g. {@code /sim/transactions}. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> simList(String path) {
        return simHttp.get()
                .uri(path)
                .exchange()
                .expectBody(List.class)
                .returnResult()
                .getResponseBody();
    }

    void reset() {
        jdbc.sql("DELETE FROM biotime_login").update(); // a refused login in one test must not hold the next
        simHttp.post().uri("/sim/reset").exchange().expectStatus().is2xxSuccessful();
        simHttp.delete().uri("/sim/faults").exchange().expectStatus().is2xxSuccessful();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> stats() {
        return simHttp.get()
                .uri("/sim/stats")
                .exchange()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    long logins() {
        return ((Number) stats().get("logins")).longValue();
    }

    long requests() {
        return ((Number) stats().get("requests")).longValue();
    }

    @Override
    public void close() {
        sim.close();
    }
}
