package io.gatesync.worker.biotime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Files;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import io.gatesync.common.config.InvalidSettingException;
import io.gatesync.common.messaging.ConnectionReport;
import io.gatesync.worker.biotime.BioTimeFixture.Stack;

/**
 * The client against an HTTPS simulator with a self-signed certificate: trusted when ZKTECO_CA_CERT gives it,
 * refused otherwise (by the JVM's trust store, for another certificate, for another host name), with a message that
 * names the certificate and the setting to change, and nothing sent.
 */
class BioTimeTlsTest {

    /** HTTPS with a certificate for localhost and 127.0.0.1. */
    private static BioTimeFixture server;
    /** HTTPS with a certificate for biotime.example (and localhost, for the fixture), reached as 127.0.0.1. */
    private static BioTimeFixture otherHost;

    @BeforeAll
    static void start() {
        server = new BioTimeFixture("--sim.tls=true");
        otherHost = new BioTimeFixture("--sim.tls=true", "--sim.tls-names=biotime.example,localhost");
    }

    @AfterAll
    static void stop() {
        otherHost.close();
        server.close();
    }

    @BeforeEach
    void reset() {
        server.reset();
        otherHost.reset();
    }

    @Test
    void withTheServersCertificateInZktecoCaCertEveryRequestGoesOverHttps() {
        Stack stack = server.stack("zkteco.ca-cert", server.certificate.toString());

        assertThat(server.simUrl).startsWith("https://");
        assertThat(stack.client().employees(1, 10).items()).isEmpty();
        assertThat(stack.client().uploadAttlog("GATESYNC", "")).isNotNull(); // the ADMS push: the same client
        assertThat(server.logins()).isEqualTo(1);
        assertThat(stack.client().trustProblem()).isEmpty();
    }

    @Test
    void theCertificateMayBeGivenAsPemTextAsASecretFileHoldsIt() throws Exception {
        Stack stack = server.stack("zkteco.ca-cert", Files.readString(server.certificate));

        assertThat(stack.client().employees(1, 10).items()).isEmpty();
    }

    @Test
    void withoutZktecoCaCertTheJvmTrustStoreRefusesASelfSignedCertificateAndNothingIsSent() {
        long before = server.requests();
        Stack stack = server.stack();

        BioTimeException refused = catchThrowableOfType(
                BioTimeException.class, () -> stack.client().employees(1, 10));

        assertThat(refused.getMessage())
                .contains("\"CN=localhost,O=GateSync BioTime simulator\"")
                .contains("JVM's trust store")
                .contains("set ZKTECO_CA_CERT");
        assertThat(refused.refusedUntouched()).as("nothing reached BioTime").isTrue();
        assertThat(refused.waitsWithoutCounting())
                .as("commands wait for the fix, not dead-lettered")
                .isTrue();
        assertThat(server.requests()).isEqualTo(before);
        assertThat(server.logins()).isZero();
    }

    @Test
    void anotherSelfSignedCertificateInZktecoCaCertIsRefused() {
        long before = server.requests();
        Stack stack = server.stack("zkteco.ca-cert", otherHost.certificate.toString());

        assertThatThrownBy(() -> stack.client().employees(1, 10))
                .isInstanceOf(BioTimeException.class)
                .hasMessageContaining("\"CN=localhost,O=GateSync BioTime simulator\"")
                .hasMessageContaining("does not chain to the certificate in ZKTECO_CA_CERT");
        assertThat(server.requests()).isEqualTo(before);
    }

    @Test
    void aCertificateForAnotherHostIsRefusedEvenWhenItIsTheOneGiven() {
        long before = otherHost.requests();
        Stack stack = otherHost.stack("zkteco.ca-cert", otherHost.certificate.toString());

        assertThatThrownBy(() -> stack.client().employees(1, 10))
                .isInstanceOf(BioTimeException.class)
                .hasMessageContaining("\"CN=biotime.example,O=GateSync BioTime simulator\"")
                .hasMessageContaining("is not for 127.0.0.1")
                .hasMessageContaining("biotime.example")
                .hasMessageContaining("ZKTECO_BASE_URL");
        assertThat(otherHost.requests()).isEqualTo(before);
    }

    @Test
    void theConnectionTestFailsWithTheRefusedCertificateEvenOnceTheCircuitIsOpen() {
        Stack stack = server.stack();
        ConnectionCheck check = new ConnectionCheck(
                stack.client(), new GateSyncTerminal(stack.client(), stack.settings()), stack.settings());

        ConnectionReport first = check.check();
        for (int i = 0; i < 3; i++) { // the fixture's breaker opens after three outages
            catchThrowableOfType(BioTimeException.class, () -> stack.client().probe());
        }
        ConnectionReport whileOpen = check.check();

        assertThat(first.ok()).isFalse();
        assertThat(first.problems())
                .singleElement()
                .asString()
                .contains("CN=localhost")
                .contains("ZKTECO_CA_CERT");
        assertThat(stack.gate().breaker().state()).isNotEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(whileOpen.problems())
                .anySatisfy(p -> assertThat(p).contains("CN=localhost").contains("ZKTECO_CA_CERT"));
    }

    @Test
    void aRefusedCertificateIsLoggedOnceNotOnEveryRequest() {
        Stack stack = server.stack("zkteco.ca-cert", otherHost.certificate.toString());
        Logger logger = (Logger) LoggerFactory.getLogger(BioTimeClient.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try {
            for (int i = 0; i < 3; i++) {
                catchThrowableOfType(
                        BioTimeException.class, () -> stack.client().probe());
            }
        } finally {
            logger.detachAppender(log);
        }

        List<ILoggingEvent> errors =
                log.list.stream().filter(e -> e.getLevel() == Level.ERROR).toList();
        assertThat(errors)
                .singleElement()
                .extracting(ILoggingEvent::getFormattedMessage)
                .asString()
                .contains("CN=localhost")
                .contains("ZKTECO_CA_CERT");
    }

    @Test
    void aZktecoCaCertWithoutACertificateStopsStartUpNamingTheVariable() {
        assertThatThrownBy(() -> BioTimeTls.bundle(server.settings("zkteco.ca-cert", "/nonexistent/biotime.pem")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("ZKTECO_CA_CERT=/nonexistent");
        assertThatThrownBy(() -> BioTimeTls.bundle(server.settings(
                        "zkteco.ca-cert", "-----BEGIN CERTIFICATE-----\nnot base64\n-----END CERTIFICATE-----")))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("ZKTECO_CA_CERT=(PEM text)");
    }
}
