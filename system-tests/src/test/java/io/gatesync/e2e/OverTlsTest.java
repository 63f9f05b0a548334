package io.gatesync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.amqp.rabbit.listener.RabbitListenerEndpointRegistry;

import io.gatesync.sim.tls.SimCertificate;

/**
 * Issue 22, HTTPS: BioTime serves a self-signed certificate; given in ZKTECO_CA_CERT, people and punches reach it as
 * over http; a worker given another certificate sends nothing, and test-connection says which certificate it refused
 * and what to change.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OverTlsTest {

    @AutoClose
    private static Stack stack;

    @BeforeAll
    static void start() {
        stack = Stack.overTls(1, "--zkteco.timezone=Asia/Karachi");
    }

    private static void personWithEntry(String cnic, Instant time) {
        stack.putPerson(cnic, Map.of("name", "Sana Tariq"));
        stack.postEvent("tls-in-" + cnic, cnic, "ENTRY", time, "G-1");
    }

    private static long simRequests() {
        return ((Number) stack.simStats().get("requests")).longValue();
    }

    @Test
    @Order(1)
    void withTheCertificateInZktecoCaCertAPersonAndTheirPunchReachAnHttpsBioTime() {
        assertThat(stack.simUrl).startsWith("https://");
        stack.testConnectionOk();

        String cnic = Traffic.newCnic();
        personWithEntry(cnic, Instant.parse("2026-11-24T04:00:00Z"));

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> stack.entryLogs(cnic)
                        .jsonPath("$.content[0].zktecoSynced")
                        .isEqualTo(true));
        List<Map<String, Object>> punches = stack.simRows("/sim/transactions");
        assertThat(punches)
                .filteredOn(p -> cnic.equals(p.get("emp_code")))
                .extracting(p -> p.get("punch_time") + "/" + p.get("punch_state"))
                .containsExactly("2026-11-24 09:00:00/0");
    }

    @Test
    @Order(2)
    void givenAnotherCertificateAWorkerSendsNothingAndTestConnectionNamesTheCertificateAndTheSetting() {
        // the worker that trusts the simulator takes no more commands or queries (closing a context in this JVM would
        // dispose Reactor Netty's shared resources, the simulator's server among them)
        stack.workers.get(0).getBean(RabbitListenerEndpointRegistry.class).stop();
        Path another = SimCertificate.generate(List.of("biotime.example"), null).pemFile();
        stack.startWorker("worker-another-ca", "--zkteco.ca-cert=" + another);
        long before = simRequests();

        stack.testConnection()
                .jsonPath("$.ok")
                .isEqualTo(false)
                .jsonPath("$.problems[0]")
                .value(p -> assertThat((String) p)
                        .contains("\"CN=localhost,O=GateSync BioTime simulator\"")
                        .contains("does not chain to the certificate in ZKTECO_CA_CERT"));

        String cnic = Traffic.newCnic();
        personWithEntry(cnic, Instant.parse("2026-11-24T05:00:00Z"));
        // the worker tried, and parked the sync without counting an attempt
        await().atMost(Duration.ofSeconds(30))
                .until(() -> stack.db.queryForObject(
                                "SELECT COUNT(*) FROM "
                                        + "zkteco_sync_logs WHERE target = ? AND outcome = 'RETRY' AND message LIKE '%ZKTECO_CA_CERT%'",
                                Integer.class, cnic)
                        > 0);

        stack.entryLogs(cnic).jsonPath("$.content[0].zktecoSynced").isEqualTo(false);
        assertThat(simRequests())
                .as("BioTime saw no request from the worker that does not trust it")
                .isEqualTo(before);
    }
}
