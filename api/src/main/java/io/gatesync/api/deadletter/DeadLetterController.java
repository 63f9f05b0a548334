package io.gatesync.api.deadletter;

import java.security.Principal;
import java.util.Locale;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import io.gatesync.api.web.Blocking;
import io.gatesync.api.web.FieldChecks;
import io.gatesync.api.web.PageRequest;
import io.gatesync.api.web.PathIds;

/**
 * {@code /zkteco/dead-letters}: the syncs that failed for good, as the workers recorded them from the dead-letter
 * queues; operators list them and send them back to work, one, a filter, or all.
 */
@RestController
@RequestMapping("/zkteco/dead-letters")
public class DeadLetterController {

    private final DeadLetterService deadLetters;
    private final Blocking blocking;

    public DeadLetterController(DeadLetterService deadLetters, Blocking blocking) {
        this.deadLetters = deadLetters;
        this.blocking = blocking;
    }

    /** {@code ?kind=&reason=&status=DEAD|REPLAYED|ALL&target=&page=&size=}: newest failure first, no payloads. */
    @GetMapping
    public Mono<DeadLetterPage> list(
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String reason,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String target,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String size) {
        FieldChecks checks = new FieldChecks();
        String k = upper(checks.text("kind", kind, 32, false));
        String r = upper(checks.text("reason", reason, 32, false));
        String t = checks.text("target", target, 64, false);
        StatusFilter s = status == null ? StatusFilter.DEAD : checks.oneOf("status", status, StatusFilter.class);
        Integer p = checks.wholeNumber("page", page);
        Integer z = checks.wholeNumber("size", size);
        checks.throwIfInvalid();
        PageRequest paging = PageRequest.of(p, z);
        DeadLetterFilter filter = new DeadLetterFilter(k, r, t, s);
        return blocking.call(() -> deadLetters.list(filter, paging));
    }

    /** One dead letter with its payload. */
    @GetMapping("/{id}")
    public Mono<DeadLetterDetails> get(@PathVariable String id) {
        long deadLetterId = id(id);
        return blocking.call(() -> deadLetters.get(deadLetterId));
    }

    /**
     * Sends DEAD dead letters back to their work queues: {@code {"id": 12}}, {@code {"ids": [12, 13]}},
     * {@code {"kind": "ENTRY_SYNC"}} and/or {@code {"reason": "PERMANENT"}}, or {@code {"all": true}}.
     */
    @PostMapping("/replay")
    public Mono<ReplayResult> replay(@RequestBody(required = false) JsonNode body, Principal admin) {
        ReplaySelector selector = ReplaySelector.from(body);
        return blocking.call(() -> deadLetters.replay(selector, admin.getName()));
    }

    private static long id(String value) {
        return PathIds.positive(value, "id", "a dead letter id, a whole number such as 12");
    }

    private static String upper(String value) {
        return value == null ? null : value.toUpperCase(Locale.ROOT);
    }
}
