package io.gatesync.worker.biotime;

import java.time.Clock;
import java.util.concurrent.Executors;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.reactive.function.client.WebClient;

import io.gatesync.common.config.ZktecoProperties;

/** The BioTime client and what guards it; the punch channel is chosen by ZKTECO_PUNCH_CHANNEL. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({CircuitSettings.class, AdmsSettings.class})
public class BioTimeConfiguration {

    @Bean
    BioTimeClock bioTimeClock(ZktecoProperties settings) {
        return new BioTimeClock(settings);
    }

    @Bean
    CircuitBreaker bioTimeCircuitBreaker(MeterRegistry metrics, CircuitSettings circuit) {
        CircuitBreaker breaker =
                new CircuitBreaker(circuit.failures(), circuit.openFor(), circuit.maxOpenFor(), Clock.systemUTC());
        Gauge.builder("gatesync.biotime.circuit.open", breaker, b -> b.state() == CircuitBreaker.State.CLOSED ? 0 : 1)
                .description("1 while the BioTime circuit is open or half-open")
                .register(metrics);
        return breaker;
    }

    @Bean
    InFlightLimit inFlightLimit(ZktecoProperties settings, MeterRegistry metrics) {
        return new InFlightLimit(settings.maxInFlight(), metrics);
    }

    @Bean
    RateBudget rateBudget(JdbcClient jdbc, TransactionTemplate tx, ZktecoProperties settings, MeterRegistry metrics) {
        return new RateBudget(jdbc, tx, settings::rateLimit, metrics);
    }

    @Bean
    RequestGate requestGate(CircuitBreaker breaker, InFlightLimit inFlight, RateBudget budget, MeterRegistry metrics) {
        return new RequestGate(breaker, inFlight, budget, metrics);
    }

    @Bean
    LoginGuard loginGuard(JdbcClient jdbc) {
        return new LoginGuard(jdbc);
    }

    /** The {@code biotime} SSL bundle: what BioTime's certificate must chain to (ZKTECO_CA_CERT, else the JVM's). */
    @Bean
    SslBundleRegistrar bioTimeSslBundle(ZktecoProperties settings) {
        return registry -> registry.registerBundle(BioTimeTls.BUNDLE, BioTimeTls.bundle(settings));
    }

    @Bean
    BioTimeClient bioTimeClient(
            WebClient.Builder builder,
            ZktecoProperties settings,
            RequestGate gate,
            LoginGuard loginGuard,
            SslBundles bundles) {
        return new BioTimeClient(builder, settings, gate, loginGuard, bundles.getBundle(BioTimeTls.BUNDLE));
    }

    @Bean
    GateSyncTerminal gateSyncTerminal(BioTimeClient client, ZktecoProperties settings) {
        return new GateSyncTerminal(client, settings);
    }

    @Bean
    PunchLookup punchLookup(BioTimeClient client, BioTimeClock clock, ZktecoProperties settings) {
        return new PunchLookup(client, clock, settings.terminalSn());
    }

    @Bean
    PunchChannel punchChannel(
            BioTimeClient client,
            BioTimeClock clock,
            PunchLookup lookup,
            GateSyncTerminal terminal,
            ZktecoProperties settings,
            AdmsSettings adms) {
        return switch (settings.punchChannel()) {
            case TRANSACTION_API -> new TransactionApiChannel(client, clock, lookup, terminal, settings);
            case MANUAL_LOG -> new ManualLogChannel(client, clock);
            case ADMS -> new AdmsChannel(client, clock, lookup, terminal, settings, adms.maxBatch(), adms.linger());
        };
    }

    @Bean
    TransactionReader transactionReader(BioTimeClient client, ZktecoProperties settings) {
        return new TransactionReader(client, settings.pageSize());
    }

    @Bean
    ArrivalReader arrivalReader(BioTimeClient client, ZktecoProperties settings) {
        // the next page is read while the current one is stored (daemon threads; not an Executor bean, which would
        // replace Spring's application task executor)
        CustomizableThreadFactory threads = new CustomizableThreadFactory("biotime-read-ahead-");
        threads.setDaemon(true);
        return new ArrivalReader(client, settings.pageSize(), Executors.newCachedThreadPool(threads));
    }

    @Bean
    ConnectionCheck connectionCheck(BioTimeClient client, GateSyncTerminal terminal, ZktecoProperties settings) {
        return new ConnectionCheck(client, terminal, settings);
    }
}
