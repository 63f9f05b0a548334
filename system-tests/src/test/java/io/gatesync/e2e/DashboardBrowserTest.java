package io.gatesync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.http.MediaType;
import org.springframework.util.FileSystemUtils;

import io.gatesync.common.messaging.CommandKind;
import io.gatesync.sim.personnel.DepartmentStore;
import io.gatesync.sim.transactions.TransactionStore;

/**
 * The {@code /zkteco} dashboard in headless Chromium against the whole stack (simulator, api, a worker, real
 * RabbitMQ and database): an operator signs in through the form, reads the status, presses every control and sees
 * its result, replays dead letters, edits a setting (a bad value is shown at its field), browses, reconciles a day
 * BioTime was changed in by hand and reads its report, and signs out.
 * Screenshots land in {@code target/screenshots/}. Needs /usr/bin/chromium and /usr/bin/chromedriver
 * ({@code bin/ensure-test-tools} installs them); without them the test fails, it is never skipped.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static Stack stack;
    private static Traffic traffic;
    private static String cnic;
    private static Path profile;
    private static WebDriver browser;
    private static WebDriverWait wait;
    private static String baseUrl;

    @BeforeAll
    static void start() throws IOException {
        for (Path needed : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(needed)) {
                throw new AssertionError(needed + " is missing: the dashboard's browser tests need Debian's "
                        + "chromium and chromium-driver; run bin/ensure-test-tools (apt-get) and try again");
            }
        }
        // BioTime lacks department 2 until the operator "fixes" it below, so the first syncs are dead-lettered
        stack = new Stack(1, "--zkteco.default-department=2");
        baseUrl = "http://127.0.0.1:" + Stack.port(stack.api);
        traffic = new Traffic(stack);
        cnic = traffic.person();
        traffic.event(cnic, "ENTRY", Instant.parse("2026-11-24T04:00:00Z"));
        await().atMost(WAIT)
                .until(() -> stack.db.queryForObject(
                                "SELECT COUNT(*) FROM dead_letters WHERE " + "status = 'DEAD'", Integer.class)
                        == 2);

        profile = Files.createTempDirectory("gatesync-chromium-");
        // the driver and browser paths are given, so Selenium Manager never looks for (or downloads) either
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments(
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-background-networking",
                        "--no-first-run",
                        "--disable-component-update",
                        "--disable-sync",
                        "--disable-quic",
                        "--user-data-dir=" + profile,
                        "--window-size=1366,1000");
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, WAIT);
        wait.ignoring(StaleElementReferenceException.class); // the page redraws its tables every few seconds
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (stack != null) {
            stack.close();
        }
        if (profile != null) {
            FileSystemUtils.deleteRecursively(profile.toFile());
        }
    }

    @Test
    @Order(1)
    void anOperatorSignsInThroughTheFormAndSeesTheStatus() {
        browser.get(baseUrl + "/zkteco");
        wait.until(ExpectedConditions.urlContains("/login"));
        browser.findElement(By.id("username")).sendKeys(Stack.ADMIN);
        browser.findElement(By.id("password")).sendKeys(Stack.ADMIN_PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.urlToBe(baseUrl + "/zkteco"));

        awaitText("[data-field=database-state]", "Up"::equals);
        awaitText("[data-field=broker-state]", "Up"::equals);
        awaitText("#signed-in", t -> t.startsWith("admin (admin)"));
        awaitText("[data-field=dead-letters-pending]", "2"::equals);
        awaitText("[data-field=people-failed]", "1"::equals);
        awaitText("[data-field=workers]", "1"::equals);
        awaitText("[data-field=leaver-passes-today]", "0"::equals); // nobody who left has passed a gate
        assertThat(rows("#queues"))
                .hasSize(CommandKind.values().length)
                .anySatisfy(r -> assertThat(r).startsWith("entry-sync"));
        awaitText("#jobs tbody", t -> t.contains("entry-sync") && t.contains("attendance-pull"));
        assertThat(browser.findElement(By.id("page-error")).isDisplayed()).isFalse();
        screenshot("01-status");

        browser.manage().window().setSize(new Dimension(820, 1180)); // a tablet, upright
        screenshot("02-status-tablet");
        browser.manage().window().setSize(new Dimension(1366, 1000));
    }

    @Test
    @Order(2)
    void everyControlShowsItsResult() {
        stack.sim.getBean(DepartmentStore.class).create("2", "Gate staff", null); // the operator fixes BioTime

        assertThat(submit("control-test-connection")).startsWith("Connected in").contains("circuit CLOSED");
        awaitText("[data-field=biotime-state]", "Connected"::equals);
        awaitText("[data-field=biotime-circuit]", t -> t.startsWith("CLOSED"));

        assertThat(submit("control-sync-all-people")).startsWith("Queued 1 person.");

        type("#control-sync-person input[name=cnic]", "12");
        assertThat(submitFailing("control-sync-person")).contains("cnic: must be");
        type("#control-sync-person input[name=cnic]", cnic);
        assertThat(submit("control-sync-person")).startsWith("Queued the sync of " + cnic);

        assertThat(submit("control-sync-unsynced-entries")).matches("Queued \\d+ entry logs?\\.");

        long entryLogId = stack.db.queryForObject("SELECT id FROM entry_logs WHERE cnic = ?", Long.class, cnic);
        type("#control-manual-entry-sync input[name=entryLogId]", Long.toString(entryLogId));
        assertThat(submit("control-manual-entry-sync")).isEqualTo("Queued 1 entry log.");

        type("#control-pull-attendance input[name=from]", "2026-11-24");
        type("#control-pull-attendance input[name=to]", "2026-11-24");
        type("#control-pull-attendance input[name=chunkMinutes]", "360");
        assertThat(submit("control-pull-attendance")).contains("4 of 4 chunks").endsWith("DONE.");
        assertThat(browser.findElement(By.cssSelector("#control-pull-attendance progress"))
                        .getDomProperty("value"))
                .isEqualTo("4");
        screenshot("03-controls", "controls");
    }

    @Test
    @Order(3)
    void deadLettersAreReplayedOneByFilterAndAll() {
        wait.until(d ->
                d.findElements(By.cssSelector("#dead-letter-table tr[data-id]")).size() == 2);
        screenshot("04-dead-letters", "dead-letters");
        String[] replayed = new String[1];
        assertThat(act(
                        () -> replayed[0] = wait.until(d -> {
                            WebElement row = d.findElement(By.cssSelector("#dead-letter-table tr[data-id]"));
                            String id = row.getDomAttribute("data-id");
                            row.findElement(By.cssSelector(".replay-one")).click();
                            return id;
                        }),
                        "#dead-letter-result",
                        "ok"))
                .startsWith("Replayed 1 (dead letter ");
        assertThat(browser.findElement(By.id("dead-letter-result")).getText()).contains(replayed[0]);

        // the one left, by its kind
        String remaining = wait.until(d -> {
            List<WebElement> dead = d.findElements(By.cssSelector("#dead-letter-table tr[data-id]"));
            return dead.size() == 1
                    ? dead.get(0).findElement(By.cssSelector("td:nth-child(2)")).getText()
                    : null;
        });
        new Select(browser.findElement(By.cssSelector("#dead-letter-filter select[name=kind]")))
                .selectByVisibleText(remaining);
        click(By.cssSelector("#dead-letter-filter button[type=submit]"));
        assertThat(act(() -> click(By.id("btn-replay-filtered")), "#dead-letter-result", "ok"))
                .startsWith("Replayed 1 (filtered: " + remaining + ")");

        assertThat(act(
                        () -> {
                            click(By.id("btn-replay-all"));
                            wait.until(ExpectedConditions.alertIsPresent()).accept();
                        },
                        "#dead-letter-result",
                        "ok"))
                .startsWith("Replayed 0 (all)");
        // with department 2 in BioTime the replayed syncs go through: nothing pending, nothing dead
        awaitText("[data-field=dead-letters-pending]", "0"::equals);
        awaitText("[data-field=people-pending]", "0"::equals);
        awaitText("[data-field=total-pending]", "0"::equals);
        traffic.assertExactlyOnceInBioTime();
    }

    @Test
    @Order(4)
    void aSettingIsEditedAndABadValueIsShownAtItsField() {
        WebElement interval = browser.findElement(By.cssSelector("#settings-table input[name=sync-interval]"));
        type(interval, "abc");
        assertThat(act(() -> click(By.id("btn-save-settings")), "#settings-result", "error"))
                .contains("sync-interval");
        awaitText("#settings-table [data-error-for=sync-interval]", t -> t.contains("whole number of minutes"));
        assertThat(interval.getDomAttribute("class")).contains("invalid");
        screenshot("05-settings-invalid", "settings");

        type(browser.findElement(By.cssSelector("#settings-table input[name=sync-interval]")), "7");
        assertThat(act(() -> click(By.id("btn-save-settings")), "#settings-result", "ok"))
                .isEqualTo("Saved: sync-interval = 7.");
        click(By.cssSelector("#settings details summary")); // the recent changes are folded away
        // the first override: before it the environment's value was in force, which the history shows as "–"
        assertThat(rows("#settings-history")).anySatisfy(r -> assertThat(r).endsWith("admin sync-interval – 7"));
        awaitText("#jobs tbody", t -> t.contains("entry-sync yes 7 min"));
        assertThat(stack.db.queryForObject(
                        "SELECT config_value FROM zkteco_config WHERE config_key = " + "'sync-interval'", String.class))
                .isEqualTo("7");
    }

    @Test
    @Order(5)
    void syncLogsAndBioTimeAreBrowsed() {
        type("#sync-log-filter input[name=cnic]", cnic);
        click(By.cssSelector("#sync-log-filter button[type=submit]"));
        awaitText("#sync-log-table tbody", t -> t.contains("PERSON_SYNC") && t.contains("REPLAYED"));
        assertThat(rows("#sync-log-table")).allSatisfy(r -> assertThat(r).doesNotContain("CONNECTION_TEST"));

        assertThat(act(() -> click(By.cssSelector("#employee-form button")), "#employee-result", "ok"))
                .endsWith("in BioTime.");
        awaitText("#employee-table tbody", t -> t.contains(cnic));
        // the api's camelCase fields reach their columns: code, first and last name (as person sync split them)
        assertThat(rows("#employee-table"))
                .anySatisfy(r -> assertThat(r).contains(cnic + " Person " + cnic.substring(9)));

        type("#transaction-form input[name=cnic]", cnic);
        ((JavascriptExecutor) browser)
                .executeScript("document.querySelector('#transaction-form "
                        + "input[name=from]').value = '2026-11-23T00:00'; document.querySelector('#transaction-form "
                        + "input[name=to]').value = '2026-11-26T00:00';");
        assertThat(act(() -> click(By.cssSelector("#transaction-form button")), "#transaction-result", "ok"))
                .isEqualTo("1 punch in that time.");
        awaitText("#transaction-table tbody", t -> t.contains(cnic) && t.contains("check-in"));
        assertThat(rows("#transaction-table"))
                .singleElement()
                .asString()
                .contains(cnic + " 2026-11-2")
                .contains("check-in GATESYNC");
        screenshot("06-browse", "browse");
    }

    @Test
    @Order(6)
    void aReconciliationIsStartedAndItsReportShowsTheDayHealedAndWhatWasLeft() {
        // the operator switches the periodic pull off, so what is done to BioTime below is found by the run alone
        type(browser.findElement(By.cssSelector("#settings-table input[name=pull-attendance]")), "false");
        assertThat(act(() -> click(By.id("btn-save-settings")), "#settings-result", "ok"))
                .isEqualTo("Saved: pull-attendance = false.");
        awaitText("#jobs tbody", t -> t.contains("attendance-pull no"));

        // in BioTime, by hand: the gate punch deleted (to be sent again), a punch of someone GateSync does not know
        // (to be parked), and one at GateSync's own terminal that no entry log holds (left unresolved, with why)
        long lost = stack.db.queryForObject(
                "SELECT zkteco_transaction_id FROM entry_logs WHERE cnic = ?", Long.class, cnic);
        assertThat(stack.sim.getBean(TransactionStore.class).delete(lost)).isTrue();
        List<?> added = stack.simClient
                .post()
                .uri("/sim/transactions")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(List.of(
                        Map.of(
                                "emp_code",
                                Traffic.newCnic(),
                                "punch_time",
                                "2026-11-24 10:00:00",
                                "punch_state",
                                "0",
                                "terminal_sn",
                                "GATE-EAST"),
                        Map.of(
                                "emp_code",
                                cnic,
                                "punch_time",
                                "2026-11-24 11:00:00",
                                "punch_state",
                                "1",
                                "terminal_sn",
                                "GATESYNC")))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(List.class)
                .returnResult()
                .getResponseBody();
        String ownTerminalPunch = String.valueOf(((Map<?, ?>) added.get(1)).get("id"));

        // a day range the wrong way round is refused at its field
        dates("2026-11-24", "2026-11-23");
        assertThat(submitFailing("reconcile-form", "#reconcile-result")).contains("to: must be on or after from");
        awaitText("#reconcile-form [data-error-for=to]", t -> t.contains("on or after from"));
        assertThat(browser.findElement(By.cssSelector("#reconcile-form input[name=to]"))
                        .getDomAttribute("aria-invalid"))
                .isEqualTo("true");

        dates("2026-11-24", "2026-11-24");
        String done =
                act(() -> click(By.cssSelector("#reconcile-form button[type=submit]")), "#reconcile-result", "ok");
        assertThat(done)
                .matches("Run \\d+ \\(2026-11-24\\) DONE: pushed 1, imported 0, parked 1, employees 0; "
                        + "1 unresolved\\.");
        String runId = done.split(" ")[1];
        assertThat(browser.findElement(By.cssSelector("#reconcile-form [data-error-for=to]"))
                        .getText())
                .isEmpty();

        // the report: the day's counts and its chart, the employees, what was left and why
        WebElement report = browser.findElement(By.id("reconcile-report"));
        assertThat(report.getDomAttribute("data-run-id")).isEqualTo(runId);
        awaitText("#reconcile-report [data-field=report-title]", ("Run " + runId + ": 2026-11-24, DONE")::equals);
        assertThat(dayCounts("2026-11-24"))
                .isEqualTo("biotime=2 gatesync=1 matched=0 pushed=1 imported=0 parked=1 unresolved=1");
        WebElement chart = browser.findElement(By.cssSelector("#reconcile-days tr[data-date='2026-11-24'] svg.chart"));
        assertThat(chart.getDomAttribute("role")).isEqualTo("img");
        assertThat(chart.getDomAttribute("aria-label"))
                .isEqualTo("2026-11-24: BioTime held 2, GateSync held 1; "
                        + "matched 0, pushed 1, imported 0, parked 1, unresolved 1");
        for (String bar : List.of("biotime", "gatesync", "pushed", "parked", "unresolved")) {
            assertThat(Double.parseDouble(
                            chart.findElement(By.cssSelector("rect." + bar)).getDomAttribute("width")))
                    .as("width of the %s bar", bar)
                    .isPositive();
        }
        assertThat(chart.findElement(By.cssSelector("rect.matched")).getDomAttribute("width"))
                .isEqualTo("0.0");
        assertThat(browser.findElement(By.cssSelector("#reconcile-report [data-field=report-employees]"))
                        .getText())
                .startsWith("1 person checked, 0 synced again, 0 resigned, 0 unresolved");
        assertThat(rows("#reconcile-unresolved"))
                .singleElement()
                .satisfies(r -> assertThat(r)
                        .startsWith(
                                "2026-11-24 " + ownTerminalPunch + " sent by GateSync (terminal GATESYNC) for " + cnic)
                        .contains("no entry log holds it"));

        // the list of runs and the status card say the same
        awaitText(
                "#reconcile-runs tr[data-run-id='" + runId + "']",
                t -> t.startsWith(runId + " 2026-11-24 DONE admin")
                        && t.contains("pushed 1, imported 0, parked 1, employees 0 1 Report"));
        awaitText("[data-field=reconcile-last]", t -> t.startsWith("run " + runId + " (2026-11-24) DONE"));
        awaitText("[data-field=reconcile-unresolved]", "1 unresolved"::equals);
        assertThat(browser.findElement(By.id("status-reconcile")).getDomAttribute("class"))
                .contains("attention");
        screenshot("07-reconciliation", "reconciliation");

        // healed for real: the lost punch is in BioTime again, the stranger's waits in the parking list
        assertThat(stack.sim.getBean(TransactionStore.class).all())
                .filteredOn(t -> t.empCode().equals(cnic))
                .hasSize(2);
        assertThat(stack.db.queryForObject("SELECT COUNT(*) FROM parked_punches", Integer.class))
                .isOne();
    }

    @Test
    @Order(7)
    void signingOutEndsTheSessionAndLeadsBackToTheForm() {
        click(By.id("btn-logout"));
        waiting(() -> "at " + browser.getCurrentUrl() + ": " + browser.getPageSource())
                .until(ExpectedConditions.urlContains("/login?logout"));
        assertThat(browser.getPageSource()).contains("You are signed out.");
        browser.get(baseUrl + "/zkteco");
        wait.until(ExpectedConditions.urlToBe(baseUrl + "/login"));
        assertThat(browser.findElements(By.id("username"))).hasSize(1);
        screenshot("08-signed-out");
    }

    // --- helpers: wait for what the page shows, never for a fixed time

    /** Submits a control's form; its result must be a success. */
    private static String submit(String formId) {
        return act(() -> click(By.cssSelector("#" + formId + " button[type=submit]")), "#" + formId + " output", "ok");
    }

    /** Submits a control's form; its result must be a problem. */
    private static String submitFailing(String formId) {
        return submitFailing(formId, "#" + formId + " output");
    }

    private static String submitFailing(String formId, String outputCss) {
        return act(() -> click(By.cssSelector("#" + formId + " button[type=submit]")), outputCss, "error");
    }

    /** The reconciliation form's days, set as a date picker would (typing into one depends on the locale). */
    private static void dates(String from, String to) {
        ((JavascriptExecutor) browser)
                .executeScript(
                        "const f = document.getElementById('reconcile-form'); "
                                + "f.elements.from.value = arguments[0]; f.elements.to.value = arguments[1];",
                        from,
                        to);
    }

    /** A day's counts in the shown report, as "name=value" in the order of its columns. */
    private static String dayCounts(String date) {
        return String.valueOf(((JavascriptExecutor) browser)
                .executeScript(
                        "return Array.from(document"
                                + ".querySelectorAll('#reconcile-days tr[data-date=\"' + arguments[0] + '\"] td[data-count]'))"
                                + ".map(td => td.dataset.count + '=' + td.textContent).join(' ');",
                        date));
    }

    /**
     * Does something on the page, then waits until the output {@code css} shows a new result (ok or error, no longer
     * busy), which must be {@code expected}; returns its text.
     */
    private static String act(Runnable action, String css, String expected) {
        String before = browser.findElement(By.cssSelector(css)).getText().trim();
        action.run();
        // class and text read in one go: read one by one, they could come from before and after an update
        String[] done = wait.until(d -> {
            List<?> seen = (List<?>) ((JavascriptExecutor) d)
                    .executeScript(
                            "const o = document.querySelector(" + "arguments[0]); return [o.className, o.innerText];",
                            css);
            List<String> classes = Arrays.asList(String.valueOf(seen.get(0)).split("\\s+"));
            String text = String.valueOf(seen.get(1)).trim();
            boolean finished = (classes.contains("ok") || classes.contains("error")) && !text.equals(before);
            return finished ? new String[] {classes.contains("ok") ? "ok" : "error", text} : null;
        });
        assertThat(done[0]).as("outcome shown in " + css + ": " + done[1]).isEqualTo(expected);
        return done[1];
    }

    /**
     * Clicks once the element is there (again, if the page redrew it meanwhile), scrolled to the middle of the window:
     * where the browser scrolls it by itself, at the top edge, the sticky header would take the click.
     */
    private static void click(By element) {
        wait.until(d -> {
            WebElement target = d.findElement(element);
            ((JavascriptExecutor) d).executeScript("arguments[0].scrollIntoView({block: 'center'})", target);
            target.click();
            return true;
        });
    }

    private static String awaitText(String css, Predicate<String> expected) {
        return waiting(() -> css + " shows \""
                        + browser.findElement(By.cssSelector(css)).getText() + "\"")
                .until(d -> {
                    String text = d.findElement(By.cssSelector(css)).getText().trim();
                    return expected.test(text) ? text : null;
                });
    }

    /** A wait that says what it saw when it gives up. */
    private static WebDriverWait waiting(java.util.function.Supplier<String> saw) {
        WebDriverWait described = new WebDriverWait(browser, WAIT);
        described.ignoring(StaleElementReferenceException.class).withMessage(saw);
        return described;
    }

    private static List<String> rows(String tableCss) {
        return wait.until(d -> d.findElements(By.cssSelector(tableCss + " tbody tr")).stream()
                .map(WebElement::getText)
                .toList());
    }

    private static void type(String css, String text) {
        type(browser.findElement(By.cssSelector(css)), text);
    }

    private static void type(WebElement input, String text) {
        input.clear();
        input.sendKeys(text);
    }

    private static void screenshot(String name) {
        save(name, ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE).toPath());
    }

    /** A screenshot with one section scrolled to the top (an element's own screenshot stops at the viewport). */
    private static void screenshot(String name, String sectionId) {
        ((JavascriptExecutor) browser)
                .executeScript("arguments[0].scrollIntoView()", browser.findElement(By.id(sectionId)));
        screenshot(name);
    }

    private static void save(String name, Path file) {
        try {
            Files.copy(file, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
