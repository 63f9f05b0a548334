package io.gatesync.worker.biotime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import io.gatesync.common.messaging.ConnectionReport;
import io.gatesync.worker.biotime.BioTimeFixture.Stack;

/** The client against the simulator: every quirk of the real API and every fault, one behaviour per test. */
class BioTimeClientContractTest {

    private static BioTimeFixture fixture;
    /** A second server whose lists use "results"; closed only at the end (Reactor Netty's resources are shared). */
    private static BioTimeFixture resultsServer;

    @BeforeAll
    static void start() {
        fixture = new BioTimeFixture("--sim.emp-code-match=prefix");
        resultsServer = new BioTimeFixture("--sim.envelope=results");
    }

    @AfterAll
    static void stop() {
        resultsServer.close();
        fixture.close();
    }

    @BeforeEach
    void reset() {
        fixture.reset();
    }

    private static Map<String, Object> employee(String empCode) {
        return Map.of("emp_code", empCode, "department", 1, "area", List.of(1), "first_name", "Test");
    }

    // ---- auth ----

    @Test
    void logsInWithJwtOnceAndSharesTheTokenBetweenThreads() throws Exception {
        Stack stack = fixture.stack();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            calls.add(pool.submit(() -> stack.client().employees(1, 10)));
        }
        for (Future<?> call : calls) {
            call.get();
        }
        pool.shutdown();
        assertThat(fixture.logins()).isEqualTo(1);
    }

    @Test
    void tokenAuthIsAnOption() {
        Stack stack = fixture.stack("zkteco.auth-scheme", "token");
        assertThat(stack.client().employees(1, 10).items()).isEmpty();
        assertThat(fixture.logins()).isEqualTo(1);
    }

    @Test
    void anExpiredTokenLogsInOnceMoreAndTheRequestIsRetriedOnce() {
        Stack stack = fixture.stack();
        stack.client().employees(1, 10);
        fixture.simHttp
                .post()
                .uri("/sim/revoke-tokens")
                .exchange()
                .expectStatus()
                .is2xxSuccessful();
        assertThat(stack.client().employees(1, 10).items()).isEmpty();
        assertThat(fixture.logins()).isEqualTo(2);
    }

    @Test
    void aRefusedLoginIsAuthenticationFailedAndNotRetried() {
        Stack stack = fixture.stack("zkteco.password", "wrong-password");
        BioTimeException e = catchThrowableOfType(
                BioTimeException.class, () -> stack.client().employees(1, 10));
        assertThat(e.getMessage()).startsWith("Authentication failed").doesNotContain("wrong-password");
        assertThat(e.retryable()).isFalse();
        assertThat(((Number) fixture.stats().get("failedLogins")).longValue()).isEqualTo(1);
    }

    // ---- lists and decoding ----

    @Test
    void employeesAreFoundByExactEmpCodeAlthoughTheServerMatchesPrefixes() {
        Stack stack = fixture.stack();
        stack.client().createEmployee(employee("3520212345671"));
        Employee longer = stack.client().createEmployee(employee("35202123456710"));
        assertThat(stack.client().findEmployee("3520212345671"))
                .get()
                .extracting(Employee::empCode)
                .isEqualTo("3520212345671");
        assertThat(stack.client().findEmployee("35202123456710"))
                .get()
                .extracting(Employee::id)
                .isEqualTo(longer.id());
        assertThat(stack.client().findEmployee("352021234567")).isEmpty();
    }

    @Test
    void listsAreReadUnderResultsAsWellAsData() {
        Stack stack = resultsServer.stack();
        stack.client().createEmployee(employee("1111111111111"));
        assertThat(stack.client().employees(1, 10).items())
                .extracting(Employee::empCode)
                .containsExactly("1111111111111");
    }

    @Test
    void numbersAndStringsAreDecodedLeniently() throws Exception {
        JsonMapper json = JsonMapper.builder().build();
        Employee e = json.readValue("{\"id\":\"42\",\"emp_code\":3520212345671,\"unknown\":{\"x\":1}}", Employee.class);
        assertThat(e.id()).isEqualTo(42);
        assertThat(e.empCode()).isEqualTo("3520212345671");
        Transaction t = json.readValue(
                "{\"id\":7,\"punch_state\":0,\"punch_time\":\"2026-11-24 09:00:00\"}", Transaction.class);
        assertThat(t.punchState()).isEqualTo("0");
    }

    @Test
    void windowsArePagedByNumberNotByFollowingNext() {
        Stack stack = fixture.stack("zkteco.page-size", "10");
        injectPunches(25, "2026-11-24 08:");
        Set<Long> ids = new HashSet<>();
        int read = readWholeDay(stack, ids);
        assertThat(read).isEqualTo(25);
        assertThat(ids).hasSize(25);
    }

    @Test
    void rowsInsertedWhilePagingAreNeitherLostNorReadTwice() {
        Stack stack = fixture.stack("zkteco.page-size", "10");
        injectPunches(30, "2026-11-24 10:");
        fixture.faults("{\"insertWhilePaging\":{\"count\":5,\"punchTime\":\"2026-11-24 07:00:00\","
                + "\"empCode\":\"9999999999999\",\"terminalSn\":\"DEV-LATE\"}}");
        Set<Long> ids = new HashSet<>();
        int read = readWholeDay(stack, ids);
        assertThat(read).isEqualTo(35);
    }

    @Test
    void arrivalsAreReadNewestFirstDownToTheFloorWhateverTheirPunchTime() {
        Stack stack = fixture.stack();
        injectPunches(25, "2026-11-24 08:");
        injectPunches(1, "2025-01-01 08:"); // a terminal that was offline for most of a year: id 26
        List<Long> given = new ArrayList<>();
        ArrivalReader.Result read =
                new ArrivalReader(stack.client(), 10).read(20, page -> page.forEach(t -> given.add(t.id())));
        assertThat(read.order()).isEqualTo(ArrivalReader.Order.NEWEST_FIRST);
        assertThat(read.newest().id()).isEqualTo(26);
        assertThat(given).containsExactlyInAnyOrder(21L, 22L, 23L, 24L, 25L, 26L);
        assertThat(fixture.requests())
                .as("login and one page: the floor is on it")
                .isEqualTo(2);
    }

    @Test
    void aServerThatIgnoresTheSortIsReadFromItsLastPageBackwards() {
        Stack stack = fixture.stack();
        rules("{\"ordering\":\"ignored\"}");
        injectPunches(35, "2026-11-24 08:");
        List<Long> given = new ArrayList<>();
        ArrivalReader.Result read =
                new ArrivalReader(stack.client(), 10).read(18, page -> page.forEach(t -> given.add(t.id())));
        assertThat(read.order()).isEqualTo(ArrivalReader.Order.ID_ORDER);
        assertThat(read.newest().id()).isEqualTo(35);
        assertThat(given)
                .containsExactlyInAnyOrderElementsOf(
                        java.util.stream.LongStream.rangeClosed(19, 35).boxed().toList());
        assertThat(new ArrivalReader(stack.client(), 10).highest())
                .get()
                .extracting(Transaction::id)
                .isEqualTo(35L);
    }

    @Test
    void aListThatEndsByCountIsReadWholeWhenTheServerCapsThePageSize() {
        Stack stack = fixture.stack();
        injectPunches(12, "2026-11-24 08:");
        rules("{\"maxPageSize\":5}"); // pages of 5 where 10 were asked: a short page is not the last
        Set<Long> ids = new HashSet<>();
        int read = readWholeDay(stack, ids);
        assertThat(read).isEqualTo(12);
        assertThat(ids).hasSize(12);
    }

    @Test
    void anUnparsableTimeFilterGivesAnEmptyListNotAnError() {
        Stack stack = fixture.stack();
        injectPunches(3, "2026-11-24 08:");
        assertThat(stack.client()
                        .transactions(null, null, "yesterday", "2026-11-25 00:00:00", 1, 10)
                        .items())
                .isEmpty();
    }

    // ---- employees ----

    @Test
    void aMissingDefaultDepartmentPositionOrAreaIsNamedByTheConnectionCheck() {
        Stack stack = fixture.stack("zkteco.default-department", "77", "zkteco.default-area", "78");
        ConnectionReport report = check(stack);
        assertThat(report.ok()).isFalse();
        assertThat(report.problems())
                .containsExactly(
                        "Department not found: BioTime has no department with id 77 (ZKTECO_DEFAULT_DEPARTMENT)",
                        "Area not found: BioTime has no area with id 78 (ZKTECO_DEFAULT_AREA)");
        assertThat(check(fixture.stack()).ok()).isTrue();
    }

    @Test
    void aDuplicateEmpCodeIsA400UnderEmpCodeThatIsNotRetryable() {
        Stack stack = fixture.stack();
        stack.client().createEmployee(employee("3520200000001"));
        BioTimeException e = catchThrowableOfType(
                BioTimeException.class, () -> stack.client().createEmployee(employee("3520200000001")));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.body()).contains("emp_code");
        assertThat(e.retryable()).isFalse();
    }

    // ---- faults and their classification ----

    @Test
    void aSlowServerIsAConnectionTimeoutWorthRetrying() {
        Stack stack = fixture.stack("zkteco.read-timeout", "300ms");
        stack.client().employees(1, 1); // log in first
        fixture.faults("{\"latencyMs\":1500}");
        BioTimeException e = catchThrowableOfType(
                BioTimeException.class, () -> stack.client().employees(1, 1));
        assertThat(e.getMessage()).startsWith("Connection timeout");
        assertThat(e.retryable()).isTrue();
    }

    @Test
    void aRefusedConnectionIsWorthRetrying() {
        Stack stack = fixture.stack("zkteco.base-url", "http://127.0.0.1:1");
        BioTimeException e = catchThrowableOfType(
                BioTimeException.class, () -> stack.client().employees(1, 1));
        assertThat(e.retryable()).isTrue();
        assertThat(e.outage()).isTrue();
    }

    @Test
    void aConnectionClosedWithoutAnAnswerIsWorthRetrying() {
        Stack stack = fixture.stack();
        fixture.faults("{\"refuseConnections\":true}");
        BioTimeException e = catchThrowableOfType(
                BioTimeException.class, () -> stack.client().employees(1, 1));
        assertThat(e.retryable()).isTrue();
    }

    @Test
    void serverErrorsAreRetryableAndValidationErrorsArePermanent() {
        Stack stack = fixture.stack();
        stack.client().employees(1, 1);
        fixture.faults("{\"failNext\":1,\"failNextStatus\":503}");
        BioTimeException unavailable = catchThrowableOfType(
                BioTimeException.class, () -> stack.client().employees(1, 1));
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.retryable()).isTrue();
        BioTimeException invalid = catchThrowableOfType(
                BioTimeException.class, () -> stack.client().createEmployee(Map.of("emp_code", "1")));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.retryable()).isFalse();
    }

    @Test
    void a429PausesTheWholeClusterForItsRetryAfter() {
        Stack stack = fixture.stack();
        stack.client().employees(1, 1);
        fixture.faults("{\"throttleNext\":1,\"retryAfterSeconds\":3}");
        long before = dbNowMicros();
        BioTimeException e = catchThrowableOfType(
                BioTimeException.class, () -> stack.client().employees(1, 1));
        assertThat(e.status()).isEqualTo(429);
        assertThat(e.retryable()).isTrue();
        assertThat(e.retryAfter()).hasSeconds(3);
        long nextSlot = fixture.jdbc
                .sql("SELECT next_slot_us FROM rate_budget WHERE name = 'biotime'")
                .query(Long.class)
                .single();
        assertThat(nextSlot).as("no permit for anyone before Retry-After").isGreaterThanOrEqualTo(before + 2_900_000);
    }

    @Test
    void theCircuitOpensAfterRepeatedOutagesStopsCallingAndClosesWhenBioTimeAnswers() {
        Stack stack = fixture.stack();
        stack.client().employees(1, 1);
        fixture.faults("{\"failNext\":3,\"failNextStatus\":502}");
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> stack.client().employees(1, 1)).isInstanceOf(BioTimeException.class);
        }
        assertThat(stack.gate().breaker().state()).isEqualTo(CircuitBreaker.State.OPEN);
        long requests = fixture.requests();
        BioTimeException open = catchThrowableOfType(
                BioTimeException.class, () -> stack.client().employees(1, 1));
        assertThat(open.getMessage()).contains("circuit open");
        assertThat(open.retryable()).isTrue();
        assertThat(fixture.requests()).as("BioTime not called while open").isEqualTo(requests);
        // its open period in this fixture is a second (CircuitBreakerTest checks the periods on a fake clock)
        await().atMost(Duration.ofSeconds(5)).until(() -> stack.gate().breaker().trialDue());
        assertThat(stack.client().employees(1, 1).items()).isEmpty();
        assertThat(stack.gate().breaker().state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    // ---- punch channels ----

    private static final Instant NINE = Instant.parse("2026-11-24T04:00:00Z"); // 09:00:00 in Asia/Karachi

    @Test
    void theTransactionApiChannelSendsALinkedPunchOnItsOwnTerminalAndFindsItWhateverTheState() {
        Stack stack = fixture.stack("zkteco.terminal-area", String.valueOf(area("Gates")));
        Employee employee = stack.client().createEmployee(employee("3520212345671"));
        PunchChannel channel = transactionApi(stack);
        Punch in = new Punch("3520212345671", employee.id(), NINE, Punch.CHECK_IN);
        long id = stored(channel.pushAll(List.of(in)).get(0));
        assertThat(simPunches()).singleElement().satisfies(p -> {
            assertThat(((Number) p.get("id")).longValue()).isEqualTo(id);
            assertThat(p)
                    .containsEntry("punch_time", "2026-11-24 09:00:00")
                    .containsEntry("punch_state", "0")
                    .containsEntry("terminal_sn", "GATESYNC")
                    .containsEntry("area_alias", "Gates")
                    .containsEntry("verify_type_display", "Card");
            assertThat(((Number) p.get("emp")).longValue()).isEqualTo(employee.id());
        });
        assertThat(attendance()).hasSize(1);
        // the lookup before a re-send sees the second whatever its state, and says whose it is
        Punch out = new Punch("3520212345671", employee.id(), NINE, Punch.CHECK_OUT);
        assertThat(channel.findAll(List.of(in, out)))
                .extracting(Optional::get)
                .allSatisfy(h -> assertThat(h).isEqualTo(new HeldPunch(id, 0, true, true)));
        assertThat(channel.findAll(List.of(new Punch("3520212345671", employee.id(), NINE.plusSeconds(1), 0))))
                .containsExactly(Optional.empty());
    }

    @Test
    void aSecondPunchInTheSameSecondComesBackAsTheSecondTakenWithWhatHoldsIt() {
        Stack stack = fixture.stack();
        Employee employee = stack.client().createEmployee(employee("3520212345673"));
        PunchChannel channel = transactionApi(stack);
        long id = stored(channel.pushAll(List.of(new Punch("3520212345673", employee.id(), NINE, 0)))
                .get(0));
        PushResult again = channel.pushAll(
                        List.of(new Punch("3520212345673", employee.id(), NINE.plusMillis(700), Punch.CHECK_OUT)))
                .get(0);
        assertThat(again).isEqualTo(new PushResult.SecondTaken(Optional.of(new HeldPunch(id, 0, true, true))));
        assertThat(simPunches()).hasSize(1);
    }

    @Test
    void aPunchBioTimeStoresUnlinkedIsDeletedAndAPermanentErrorNamingTheFix() {
        Stack stack = fixture.stack();
        Employee employee = stack.client().createEmployee(employee("3520212345674"));
        rules("{\"postedEmp\":\"ignored\"}");
        PushResult result = transactionApi(stack)
                .pushAll(List.of(new Punch("3520212345674", employee.id(), NINE, 0)))
                .get(0);
        assertThat(result).isInstanceOfSatisfying(PushResult.Failed.class, f -> {
            BioTimeException e = (BioTimeException) f.failure();
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage())
                    .contains("without linking it to employee " + employee.id())
                    .contains("ZKTECO_PUNCH_CHANNEL=adms");
        });
        assertThat(simPunches())
                .as("the unlinked row is gone, so a replay can send it again")
                .isEmpty();
    }

    @Test
    void aServerThatRefusesPostOnTransactionsIsAPermanentErrorNamingTheOtherChannels() {
        Stack stack = fixture.stack();
        rules("{\"transactionPost\":\"refuse\"}");
        PushResult result = transactionApi(stack)
                .pushAll(List.of(new Punch("3520212345675", 1, NINE, 0)))
                .get(0);
        assertThat(result)
                .isInstanceOfSatisfying(
                        PushResult.Failed.class,
                        f -> assertThat(f.failure())
                                .hasMessageContaining("405")
                                .hasMessageContaining("ZKTECO_PUNCH_CHANNEL=adms"));
    }

    @Test
    void theManualLogChannelTakesTheManualLogsIdAsTheReceiptAndFindsItAgain() {
        Stack stack = fixture.stack("zkteco.punch-channel", "manual-log");
        Employee employee = stack.client().createEmployee(employee("3520212345672"));
        PunchChannel channel = new ManualLogChannel(stack.client(), new BioTimeClock(stack.settings()));
        Punch out = new Punch("3520212345672", employee.id(), Instant.parse("2026-11-24T12:30:00Z"), Punch.CHECK_OUT);
        long id = stored(channel.pushAll(List.of(out)).get(0));
        assertThat(manualLogs()).singleElement().satisfies(l -> {
            assertThat(((Number) l.get("id")).longValue()).isEqualTo(id);
            assertThat(l).containsEntry("approval", "PENDING").containsEntry("punchState", 1);
        });
        assertThat(simPunches()).as("pending: no transaction yet").isEmpty();
        assertThat(channel.findAll(List.of(out))).containsExactly(Optional.of(new HeldPunch(id, 1, false, null)));
        // sent again (its answer lost): BioTime's duplicate is this manual log
        assertThat(channel.pushAll(List.of(out)).get(0)).isEqualTo(new PushResult.Stored(id));
        assertThat(channel.pushAll(List.of(new Punch(out.empCode(), out.employeeId(), out.time(), Punch.CHECK_IN)))
                        .get(0))
                .isEqualTo(new PushResult.SecondTaken(Optional.of(new HeldPunch(id, 1, false, null))));
        assertThat(manualLogs()).hasSize(1);
    }

    @Test
    void withoutAManualLogListADuplicateConfirmsThePunchAndLookUpsFindNothing() {
        Stack stack = fixture.stack("zkteco.punch-channel", "manual-log");
        Employee employee = stack.client().createEmployee(employee("3520212345676"));
        rules("{\"manualLogList\":\"error\"}");
        PunchChannel channel = new ManualLogChannel(stack.client(), new BioTimeClock(stack.settings()));
        Punch in = new Punch("3520212345676", employee.id(), NINE, Punch.CHECK_IN);
        long id = stored(channel.pushAll(List.of(in)).get(0));
        assertThat(id).isPositive();
        assertThat(channel.findAll(List.of(in))).containsExactly(Optional.empty());
        assertThat(channel.pushAll(List.of(in)).get(0))
                .isEqualTo(new PushResult.Stored(ManualLogChannel.CONFIRMED_BY_DUPLICATE));
        assertThat(manualLogs()).hasSize(1);
    }

    @Test
    void theAdmsChannelWaitsWhileItsTerminalIsNotAuthorizedAndUploadsOnceItHasAnArea() {
        Stack stack = fixture.stack("zkteco.punch-channel", "adms");
        GateSyncTerminal terminal = new GateSyncTerminal(stack.client(), stack.settings());
        PunchChannel channel = adms(stack, terminal, 100, 10);
        List<Punch> punch = List.of(new Punch("3520200000001", 0, NINE, 0));
        BioTimeException waiting = catchThrowableOfType(BioTimeException.class, () -> channel.pushAll(punch));
        assertThat(waiting.waitsWithoutCounting()).isTrue();
        assertThat(waiting.getMessage()).contains("Not Authorized").contains("ZKTECO_TERMINAL_AREA");
        assertThat(simPunches()).isEmpty();
        fixture.simHttp
                .post()
                .uri("/sim/terminals/assign")
                .header("Content-Type", "application/json")
                .bodyValue(Map.of("sn", "GATESYNC", "area", area("Gates")))
                .exchange()
                .expectStatus()
                .isOk();
        terminal.refresh(); // an admin's change is seen within GateSyncTerminal.RECHECK; this test does not wait
        assertThat(stored(channel.pushAll(punch).get(0)))
                .isEqualTo(idOf(simPunches().get(0)));
    }

    @Test
    void theAdmsChannelSendsConcurrentPunchesTogetherAndGivesEachItsId() throws Exception {
        Stack stack =
                fixture.stack("zkteco.punch-channel", "adms", "zkteco.terminal-area", String.valueOf(area("Gates")));
        PunchChannel channel = adms(stack, 100, 200);
        ExecutorService pool = Executors.newFixedThreadPool(10);
        List<Future<PushResult>> results = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String empCode = "35202000000" + String.format("%02d", i);
            results.add(pool.submit(() -> channel.pushAll(List.of(new Punch(empCode, 0, NINE, Punch.CHECK_IN)))
                    .get(0)));
        }
        Set<Long> distinct = new HashSet<>();
        for (Future<PushResult> result : results) {
            distinct.add(stored(result.get()));
        }
        pool.shutdown();
        List<Map<String, Object>> punches = simPunches();
        assertThat(punches).hasSize(10);
        assertThat(distinct)
                .containsExactlyInAnyOrderElementsOf(
                        punches.stream().map(p -> idOf(p)).toList());
        @SuppressWarnings("unchecked")
        Map<String, Number> byEndpoint = (Map<String, Number>) fixture.stats().get("requestsByEndpoint");
        long uploads = byEndpoint.entrySet().stream()
                .filter(e -> e.getKey().startsWith("POST /iclock/cdata"))
                .mapToLong(e -> e.getValue().longValue())
                .sum();
        assertThat(uploads).as("ATTLOG uploads for 10 punches").isBetween(1L, 3L);
    }

    @Test
    void anAdmsLineBioTimeRefusesForItsSecondComesBackWithWhatHoldsIt() {
        Stack stack =
                fixture.stack("zkteco.punch-channel", "adms", "zkteco.terminal-area", String.valueOf(area("Gates")));
        injectPunch("3520200000002", "2026-11-24 09:00:00", 0, "DEV-7");
        long held = idOf(simPunches().get(0));
        List<PushResult> results = adms(stack, 100, 10)
                .pushAll(List.of(
                        new Punch("3520200000002", 0, NINE, Punch.CHECK_OUT), new Punch("3520200000003", 0, NINE, 0)));
        assertThat(results.get(0))
                .isEqualTo(new PushResult.SecondTaken(Optional.of(new HeldPunch(
                        held, 0, false,
                        false)))); // a device punch of an emp_code BioTime has no employee for: unlinked
        assertThat(results.get(1)).isInstanceOf(PushResult.Stored.class);
    }

    @Test
    void anAdmsUploadOfExactlyTwoPagesReadsItsIdsBackWithoutAskingForAThirdPage() {
        Stack stack = fixture.stack(
                "zkteco.punch-channel",
                "adms",
                "zkteco.page-size",
                "10",
                "zkteco.terminal-area",
                String.valueOf(area("Gates")));
        PunchChannel channel = adms(stack, 100, 10);
        List<Punch> punches = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            punches.add(new Punch("35202000001" + String.format("%02d", i), 0, NINE.plusSeconds(i), Punch.CHECK_IN));
        }
        List<PushResult> results = channel.pushAll(punches);
        Map<String, Long> inBioTime = new HashMap<>();
        simPunches().forEach(p -> inBioTime.put((String) p.get("emp_code"), idOf(p)));
        assertThat(inBioTime).hasSize(20);
        for (int i = 0; i < 20; i++) {
            assertThat(stored(results.get(i)))
                    .as("id of punch %d", i)
                    .isEqualTo(inBioTime.get(punches.get(i).empCode()));
        }
        assertThat(channel.findAll(punches))
                .as("read back in one span")
                .extracting(h -> h.get().id())
                .containsExactlyElementsOf(
                        punches.stream().map(p -> inBioTime.get(p.empCode())).toList());
    }

    @Test
    void theConnectionCheckWarnsAboutTheNotAuthorizedDefaultAreaAndAnUnassignedAdmsTerminal() {
        Stack stack = fixture.stack("zkteco.punch-channel", "adms");
        ConnectionReport report = check(stack);
        assertThat(report.ok()).isFalse();
        assertThat(report.warnings())
                .singleElement()
                .asString()
                .startsWith("Area 1 (ZKTECO_DEFAULT_AREA) is \"Not " + "Authorized\"");
        assertThat(report.problems())
                .singleElement()
                .asString()
                .contains("Terminal GATESYNC")
                .contains("Not Authorized");
        assertThat(report.terminal()).startsWith("GATESYNC (id 1) in area \"Not Authorized\"");
    }

    @Test
    void aForbiddenAnswerThatIsNoTokenProblemIsPermanentAndCostsNoLogin() {
        Stack stack = fixture.stack();
        stack.client().employees(1, 1);
        fixture.faults("{\"failNext\":1,\"failNextStatus\":403}");
        BioTimeException e = catchThrowableOfType(
                BioTimeException.class, () -> stack.client().employees(1, 1));
        assertThat(e.retryable()).isFalse();
        assertThat(e.getMessage()).contains("not a token problem");
        assertThat(fixture.logins()).isEqualTo(1);
    }

    @Test
    void afterARefusedLoginNoWorkerOfTheClusterTriesAgainForAMinute() {
        Stack first = fixture.stack("zkteco.password", "wrong-password");
        Stack second = fixture.stack("zkteco.password", "wrong-password");
        assertThatThrownBy(() -> first.client().employees(1, 1)).hasMessageStartingWith("Authentication failed");
        assertThatThrownBy(() -> second.client().employees(1, 1)).hasMessageContaining("no login is tried until");
        assertThat(((Number) fixture.stats().get("failedLogins")).longValue()).isEqualTo(1);
    }

    private static PunchChannel transactionApi(Stack stack) {
        BioTimeClock clock = new BioTimeClock(stack.settings());
        return new TransactionApiChannel(
                stack.client(),
                clock,
                new PunchLookup(stack.client(), clock, "GATESYNC"),
                new GateSyncTerminal(stack.client(), stack.settings()),
                stack.settings());
    }

    private static PunchChannel adms(Stack stack, int maxBatch, long lingerMs) {
        return adms(stack, new GateSyncTerminal(stack.client(), stack.settings()), maxBatch, lingerMs);
    }

    private static PunchChannel adms(Stack stack, GateSyncTerminal terminal, int maxBatch, long lingerMs) {
        BioTimeClock clock = new BioTimeClock(stack.settings());
        return new AdmsChannel(
                stack.client(),
                clock,
                new PunchLookup(stack.client(), clock, "GATESYNC"),
                terminal,
                stack.settings(),
                maxBatch,
                java.time.Duration.ofMillis(lingerMs));
    }

    private static ConnectionReport check(Stack stack) {
        return new ConnectionCheck(
                        stack.client(), new GateSyncTerminal(stack.client(), stack.settings()), stack.settings())
                .check();
    }

    private static long stored(PushResult result) {
        assertThat(result).isInstanceOf(PushResult.Stored.class);
        return ((PushResult.Stored) result).id();
    }

    private static long idOf(Map<String, Object> punch) {
        return ((Number) punch.get("id")).longValue();
    }

    /** Creates an area through the API and answers its id. */
    private static long area(String name) {
        Map<?, ?> login = fixture.simHttp
                .post()
                .uri("/jwt-api-token-auth/")
                .header("Content-Type", "application/json")
                .bodyValue(Map.of("username", "admin", "password", "admin"))
                .exchange()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        Map<?, ?> area = fixture.simHttp
                .post()
                .uri("/personnel/api/areas/")
                .header("Content-Type", "application/json")
                .header("Authorization", "JWT " + login.get("token"))
                .bodyValue(Map.of("area_code", name, "area_name", name))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return ((Number) area.get("id")).longValue();
    }

    private static void rules(String json) {
        fixture.simHttp
                .post()
                .uri("/sim/rules")
                .header("Content-Type", "application/json")
                .bodyValue(json)
                .exchange()
                .expectStatus()
                .isOk();
    }

    private static List<Map<String, Object>> attendance() {
        return fixture.simList("/sim/attendance");
    }

    private static List<Map<String, Object>> manualLogs() {
        return fixture.simList("/sim/manuallogs");
    }

    private static void injectPunch(String empCode, String time, int state, String terminalSn) {
        fixture.addPunches(List.of(
                Map.of("emp_code", empCode, "punch_time", time, "punch_state", state, "terminal_sn", terminalSn)));
    }

    // ---- helpers ----

    private long dbNowMicros() {
        return fixture.jdbc
                .sql("SELECT CAST(UNIX_TIMESTAMP(NOW(6)) * 1000000 AS SIGNED)")
                .query(Long.class)
                .single();
    }

    /** Reads the whole of 2026-11-24 in pages of 10 into {@code ids}, failing on an id read twice; the count read. */
    private static int readWholeDay(Stack stack, Set<Long> ids) {
        return new TransactionReader(stack.client(), 10)
                .read(
                        "2026-11-24 00:00:00",
                        "2026-11-24 23:59:59",
                        page -> page.forEach(t -> assertThat(ids.add(t.id()))
                                .as("read twice: " + t.id())
                                .isTrue()));
    }

    private static void injectPunches(int count, String hourPrefix) {
        List<Map<String, Object>> punches = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            punches.add(Map.of(
                    "emp_code",
                    String.format("35202%08d", i),
                    "punch_time",
                    hourPrefix + String.format("%02d:%02d", i / 60, i % 60),
                    "punch_state",
                    "0",
                    "terminal_sn",
                    "DEV-1"));
        }
        fixture.addPunches(punches);
    }

    private static List<Map<String, Object>> simPunches() {
        return fixture.simList("/sim/transactions");
    }
}
