package io.gatesync.api.entrylog;

import java.time.Instant;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import io.gatesync.api.web.Blocking;
import io.gatesync.api.web.FieldChecks;
import io.gatesync.api.web.Page;
import io.gatesync.api.web.PageRequest;
import io.gatesync.common.person.Cnic;

/**
 * {@code GET /api/entry-logs?cnic=&from=&to=&page=&size=}: newest first. {@code from}/{@code to} bound the log's
 * time (its entry, or its exit when it has no entry), from inclusive, to exclusive.
 */
@RestController
@RequestMapping("/api/entry-logs")
public class EntryLogController {

    private final EntryLogs entryLogs;
    private final Blocking blocking;

    public EntryLogController(EntryLogs entryLogs, Blocking blocking) {
        this.entryLogs = entryLogs;
        this.blocking = blocking;
    }

    @GetMapping
    public Mono<Page<EntryLogView>> list(
            @RequestParam(required = false) String cnic,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        FieldChecks checks = new FieldChecks();
        Cnic person = cnic == null ? null : checks.cnic("cnic", cnic);
        Instant since = from == null ? null : checks.instant("from", from);
        Instant until = to == null ? null : checks.instant("to", to);
        checks.throwIfInvalid();
        PageRequest paging = PageRequest.of(page, size);
        return blocking.call(() -> entryLogs.list(person, since, until, paging));
    }
}
