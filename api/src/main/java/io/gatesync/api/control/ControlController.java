package io.gatesync.api.control;

import java.security.Principal;
import java.time.Instant;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import io.gatesync.api.web.Blocking;
import io.gatesync.api.web.FieldChecks;
import io.gatesync.api.web.NotFoundException;
import io.gatesync.api.web.UnprocessableException;
import io.gatesync.common.messaging.BioTimePage;
import io.gatesync.common.messaging.ConnectionReport;
import io.gatesync.common.messaging.EmployeeRow;
import io.gatesync.common.messaging.TransactionRow;
import io.gatesync.common.person.Cnic;

/**
 * The integration guide's routes: test the BioTime connection, browse its employees and transactions (both
 * answered by a worker, within the cluster's budget), and queue syncs by hand.
 */
@RestController
public class ControlController {

    /** BioTime pages hold at most 5000 rows. */
    static final int MAX_PAGE_SIZE = 5000;

    private final BioTimeQueries queries;
    private final ManualSync manual;
    private final Blocking blocking;
    private final ConnectionTests tests;

    public ControlController(BioTimeQueries queries, ManualSync manual, Blocking blocking, ConnectionTests tests) {
        this.queries = queries;
        this.manual = manual;
        this.blocking = blocking;
        this.tests = tests;
    }

    public record Queued(int queued) {}

    /** Also noted as the last test (ConnectionTests), which the dashboard's status shows. */
    @PostMapping("/zkteco/test-connection")
    public Mono<ConnectionReport> testConnection() {
        return queries.testConnection()
                .flatMap(report -> blocking.call(() -> {
                    tests.recordAnswer(report);
                    return report;
                }))
                .onErrorResume(
                        UnprocessableException.class,
                        failed -> blocking.call(() -> {
                                    tests.recordFailure(failed.errors().get(0).message());
                                    return true;
                                })
                                .then(Mono.error(failed)));
    }

    @GetMapping("/zkteco/employees")
    public Mono<BioTimePage<EmployeeRow>> employees(
            @RequestParam(required = false) String page, @RequestParam(required = false) String size) {
        FieldChecks checks = new FieldChecks();
        int pageNumber = page(checks, page);
        int pageSize = size(checks, size);
        checks.throwIfInvalid();
        return queries.employees(pageNumber, pageSize);
    }

    /** Punches between {@code from} and {@code to} (ISO-8601 with offset; default the last 24 hours). */
    @GetMapping("/zkteco/transactions")
    public Mono<BioTimePage<TransactionRow>> transactions(
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String cnic,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String size) {
        FieldChecks checks = new FieldChecks();
        Instant end = to == null ? Instant.now() : checks.instant("to", to);
        Instant start = from == null ? Instant.now().minusSeconds(86_400) : checks.instant("from", from);
        Cnic person = cnic == null ? null : checks.cnic("cnic", cnic);
        int pageNumber = page(checks, page);
        int pageSize = size(checks, size);
        if (start != null && end != null && !start.isBefore(end)) {
            checks.reject("from", "must be before to");
        }
        checks.throwIfInvalid();
        return queries.transactions(start, end, person == null ? null : person.value(), pageNumber, pageSize);
    }

    public record SyncAllPeople(Boolean onlyUnsynced) {}

    @PostMapping("/zkteco/sync-all-people")
    public Mono<ResponseEntity<Queued>> syncAllPeople(
            @RequestBody(required = false) SyncAllPeople body, Principal admin) {
        boolean onlyUnsynced = body != null && Boolean.TRUE.equals(body.onlyUnsynced());
        return blocking.call(() -> accepted(manual.syncPeople(onlyUnsynced, admin.getName())));
    }

    public record SyncPerson(String cnic) {}

    @PostMapping("/zkteco/sync-person")
    public Mono<ResponseEntity<Queued>> syncPerson(@RequestBody SyncPerson body, Principal admin) {
        FieldChecks checks = new FieldChecks();
        Cnic cnic = checks.cnic("cnic", body.cnic());
        checks.throwIfInvalid();
        return blocking.call(() -> {
            if (!manual.syncPerson(cnic.value(), admin.getName())) {
                throw new NotFoundException(
                        "No person with CNIC " + cnic.formatted() + "; create them with PUT /api/people/" + cnic);
            }
            return accepted(1);
        });
    }

    @PostMapping("/zkteco/sync-unsynced-entries")
    public Mono<ResponseEntity<Queued>> syncUnsyncedEntries(Principal admin) {
        return blocking.call(() -> accepted(manual.syncUnsyncedEntries(admin.getName())));
    }

    public record ManualEntrySync(String cnic, Long entryLogId) {}

    /** One entry log by id (even if synced: its missing punches are sent), or all unsynced ones of a person. */
    @PostMapping("/zkteco/manual-entry-sync")
    public Mono<ResponseEntity<Queued>> manualEntrySync(@RequestBody ManualEntrySync body, Principal admin) {
        FieldChecks checks = new FieldChecks();
        if ((body.cnic() == null) == (body.entryLogId() == null)) {
            checks.reject("cnic", "send either cnic (all unsynced entry logs of that person) or entryLogId, not both");
        }
        Cnic cnic = body.cnic() == null ? null : checks.cnic("cnic", body.cnic());
        checks.throwIfInvalid();
        return blocking.call(() -> {
            if (cnic != null) {
                return accepted(manual.syncUnsyncedEntriesOf(cnic.value(), admin.getName()));
            }
            if (!manual.syncEntry(body.entryLogId(), admin.getName())) {
                throw new NotFoundException("No entry log " + body.entryLogId());
            }
            return accepted(1);
        });
    }

    private static ResponseEntity<Queued> accepted(int queued) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(new Queued(queued));
    }

    private static int page(FieldChecks checks, String page) {
        return number(checks, "page", page, 1, 1, Integer.MAX_VALUE);
    }

    private static int size(FieldChecks checks, String size) {
        return number(checks, "size", size, 50, 1, MAX_PAGE_SIZE);
    }

    private static int number(FieldChecks checks, String field, String value, int fallback, int min, int max) {
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        checks.reject(field, "must be a whole number from " + min + " to " + max + " (BioTime pages count from 1)");
        return fallback;
    }
}
