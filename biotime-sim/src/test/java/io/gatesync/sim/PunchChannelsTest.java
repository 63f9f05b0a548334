package io.gatesync.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

import io.gatesync.sim.transactions.ManualLogStore;
import io.gatesync.sim.transactions.Transaction;
import io.gatesync.sim.transactions.TransactionStore;

/** The manual-log and ADMS push channels. */
class PunchChannelsTest extends SimIntegrationTest {

    @Autowired
    TransactionStore transactions;

    @Autowired
    ManualLogStore manualLogs;

    @Test
    void manualLogIsCreatedAndRecordedAsATransaction() {
        String auth = jwt();
        long id = createEmployee(auth, "M7");
        post(auth, "/att/api/manuallogs/", Map.of("employee", id, "punch_time", "2024-06-26 09:00:00",
                "punch_state", 0, "work_code", "", "apply_reason", "forgot card"))
                .expectStatus().isCreated().expectBody()
                .jsonPath("$.id").isEqualTo(1)
                .jsonPath("$.employee").isEqualTo((int) id)
                .jsonPath("$.punch_time").isEqualTo("2024-06-26 09:00:00")
                .jsonPath("$.punch_state").isEqualTo(0)
                .jsonPath("$.apply_reason").isEqualTo("forgot card");
        assertThat(manualLogs.all()).hasSize(1);
        assertThat(transactions.all()).singleElement().satisfies(t -> {
            assertThat(t.empCode()).isEqualTo("M7");
            assertThat(t.source()).isEqualTo(Transaction.Source.MANUAL_LOG);
            assertThat(t.terminalSn()).isEmpty();
        });
        get(auth, "/iclock/api/transactions/?emp_code=M7").expectBody().jsonPath("$.count").isEqualTo(1);
    }

    @Test
    void manualLogForAnUnknownEmployeeIsA400UnderEmployee() {
        post(jwt(), "/att/api/manuallogs/", Map.of("employee", 404, "punch_time", "2024-06-26 09:00:00", "punch_state", 0))
                .expectStatus().isBadRequest()
                .expectBody().json("{\"employee\":[\"Invalid pk \\\"404\\\" - object does not exist.\"]}", true);
        assertThat(transactions.size()).isZero();
    }

    @Test
    void listingManualLogsIsA500AsOnTheReal8xBuild() {
        get(jwt(), "/att/api/manuallogs/").expectStatus().isEqualTo(500);
    }

    @Test
    void admsAttlogPushWithThreeLinesCreatesThreeTransactionsAndRepliesOk() {
        String body = "1\t2024-06-26 08:59:01\t0\t1\t\t0\t0\t\t\t43\n"
                + "\n"
                + "2\t2024-06-26 09:00:20\t1\t15\t\t0\t0\t\t\t43\r\n"
                + "3\t2024-06-26 17:30:00\t5\t4\t7\n";
        client.post().uri("/iclock/cdata?SN=CEUY201760002&table=ATTLOG&Stamp=9999")
                .contentType(MediaType.TEXT_PLAIN).bodyValue(body).exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo("OK");
        List<Transaction> all = transactions.all();
        assertThat(all).hasSize(3);
        assertThat(all).extracting(Transaction::empCode).containsExactly("1", "2", "3");
        assertThat(all).allSatisfy(t -> {
            assertThat(t.terminalSn()).isEqualTo("CEUY201760002");
            assertThat(t.source()).isEqualTo(Transaction.Source.ADMS);
        });
        assertThat(all.get(1).punchTime()).isEqualTo(LocalDateTime.of(2024, 6, 26, 9, 0, 20));
        assertThat(all.get(1).verifyType()).isEqualTo(15);
        assertThat(all.get(2).punchState()).isEqualTo(5);
        assertThat(all.get(2).workCode()).isEqualTo("7");
        get(jwt(), "/iclock/api/transactions/?terminal_sn=CEUY201760002").expectBody()
                .jsonPath("$.count").isEqualTo(3)
                .jsonPath("$.data[1].punch_state").isEqualTo("1");
    }

    @Test
    void admsSkipsBadLinesAndIgnoresOtherTables() {
        client.post().uri("/iclock/cdata?SN=S1&table=ATTLOG").contentType(MediaType.TEXT_PLAIN)
                .bodyValue("garbage\n1\tnot a time\t0\t1\n2\t2024-06-26 09:00:00\t0\t1\n").exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo("OK");
        client.post().uri("/iclock/cdata?SN=S1&table=OPERLOG").contentType(MediaType.TEXT_PLAIN)
                .bodyValue("OPLOG 4\t0\t2024-06-26 09:00:00\t0\t0\t0\t0\n").exchange()
                .expectStatus().isOk().expectBody(String.class).isEqualTo("OK");
        assertThat(transactions.all()).extracting(Transaction::empCode).containsExactly("2");
    }

    @Test
    void admsHandshakeAndCommandPollNeedNoLogin() {
        client.get().uri("/iclock/cdata?SN=S1&options=all").exchange().expectStatus().isOk()
                .expectBody(String.class).value(s -> assertThat(s)
                        .startsWith("GET OPTION FROM: S1\n").contains("Stamp=9999").contains("Realtime=1"));
        client.get().uri("/iclock/getrequest?SN=S1").exchange().expectStatus().isOk()
                .expectBody(String.class).isEqualTo("OK");
    }
}
