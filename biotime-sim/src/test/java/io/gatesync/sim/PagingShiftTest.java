package io.gatesync.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

import io.gatesync.sim.faults.FaultSettings.InsertWhilePaging;
import io.gatesync.sim.faults.Faults;
import io.gatesync.sim.transactions.NewPunch;
import io.gatesync.sim.transactions.Transaction;
import io.gatesync.sim.transactions.TransactionStore;

/** The insertWhilePaging switch: punches that arrive between a client's page reads, as on a live server. */
class PagingShiftTest extends LoggedInSimTest {

    private static final String PAGE = "/iclock/api/transactions/?emp_code=E1&ordering=punch_time,id&page_size=4&page=";

    @Autowired
    TransactionStore transactions;

    @Autowired
    Faults faults;

    @BeforeEach
    void tenPunches() {
        for (int minute = 0; minute < 10; minute++) {
            transactions.add(NewPunch.device("E1", null, LocalDateTime.of(2024, 6, 26, 9, minute), 0, "T1"));
        }
    }

    @Test
    void rowsInsertedWhilePagingShiftLaterPages() {
        assertThat(times(1)).containsExactly("09:00", "09:01", "09:02", "09:03");
        postFaults(Map.of(
                        "insertWhilePaging",
                        Map.of("count", 2, "punchTime", "2024-06-26 08:00:00", "empCode", "E1", "terminalSn", "T9")))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.insertWhilePaging.count")
                .isEqualTo(2)
                .jsonPath("$.insertWhilePaging.punchTime")
                .isEqualTo("2024-06-26 08:00:00");

        // two earlier rows pushed everything back by two: 09:02 and 09:03 come round again
        assertThat(times(2)).containsExactly("09:02", "09:03", "09:04", "09:05");
        get(auth, PAGE + 2).expectBody().jsonPath("$.count").isEqualTo(12);
        assertThat(times(3)).containsExactly("09:06", "09:07", "09:08", "09:09");
        assertThat(transactions.all())
                .hasSize(12)
                .filteredOn(t -> t.terminalSn().equals("T9"))
                .hasSize(2)
                .allSatisfy(t -> assertThat(t.source()).isEqualTo(Transaction.Source.INJECTED));
        getFaults().expectBody().jsonPath("$.insertWhilePaging").isEmpty();
    }

    @Test
    void insertWhilePagingWaitsForALaterPageAndFiresOnce() {
        faults.insertWhilePaging(new InsertWhilePaging(1, null, null, null));
        times(1);
        assertThat(transactions.size()).isEqualTo(10);
        times(2);
        times(2);
        assertThat(transactions.size()).isEqualTo(11);
        assertThat(faults.current().insertWhilePaging()).isNull();
    }

    @Test
    void insertedRowsDefaultToTheRequestFiltersAheadOfTheEarliestRow() {
        faults.insertWhilePaging(new InsertWhilePaging(1, null, null, null));
        get(
                        auth,
                        "/iclock/api/transactions/?emp_code=E1&terminal_sn=T1&start_time=2024-06-26 08:59:30"
                                + "&ordering=punch_time,id&page_size=4&page=2")
                .expectStatus()
                .isOk();
        Transaction inserted = transactions.all().get(10);
        assertThat(inserted.empCode()).isEqualTo("E1");
        assertThat(inserted.terminalSn()).isEqualTo("T1");
        assertThat(inserted.punchTime()).isEqualTo(LocalDateTime.of(2024, 6, 26, 8, 59, 59));
        assertThat(times(1)).startsWith("08:59");
    }

    @Test
    void insertedRowsNeverSortBeforeTheStartTimeFilter() {
        faults.insertWhilePaging(new InsertWhilePaging(1, null, null, null));
        get(auth, "/iclock/api/transactions/?emp_code=E1&start_time=2024-06-26 09:00:00&page_size=4&page=2")
                .expectStatus()
                .isOk();
        // E1 has 09:00:00 already, and one person has one punch a second: the first free second after the start
        assertThat(transactions.all().get(10).punchTime()).isEqualTo(LocalDateTime.of(2024, 6, 26, 9, 0, 1));
    }

    /** Punch times (HH:mm) on one page of E1's punches in punch_time,id order. */
    private List<String> times(int page) {
        Map<?, ?> body = jsonObject(get(auth, PAGE + page), HttpStatus.OK);
        return ((List<?>) body.get("data"))
                .stream()
                        .map(row -> ((String) ((Map<?, ?>) row).get("punch_time")).substring(11, 16))
                        .toList();
    }
}
