package io.gatesync.api.reconcile;

import java.net.URI;
import java.security.Principal;
import java.time.LocalDate;

import org.springframework.http.ResponseEntity;
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
import io.gatesync.api.web.Page;
import io.gatesync.api.web.PageRequest;
import io.gatesync.api.web.PathIds;
import io.gatesync.common.config.ZktecoProperties;

/**
 * {@code /zkteco/reconcile}: compare the punches and employees of some days in GateSync and BioTime, heal what
 * differs, and report what could not be healed; follow each run's report.
 */
@RestController
@RequestMapping(ReconcileController.PATH)
public class ReconcileController {

    static final String PATH = "/zkteco/reconcile";

    private final ReconcileService runs;
    private final Blocking blocking;
    private final ZktecoProperties settings;

    public ReconcileController(ReconcileService runs, Blocking blocking, ZktecoProperties settings) {
        this.runs = runs;
        this.blocking = blocking;
        this.settings = settings;
    }

    /** {@code {"from"?, "to"?}} (dates; default yesterday) → 202 {@code {runId, from, to, statusUrl}}. */
    @PostMapping
    public Mono<ResponseEntity<ReconcileStarted>> start(@RequestBody(required = false) JsonNode body, Principal admin) {
        ReconcileRequest request = ReconcileRequest.from(body, LocalDate.now(settings.timezone()));
        return blocking.call(() -> runs.start(request, admin.getName()))
                .map(started -> ResponseEntity.accepted()
                        .location(URI.create(started.statusUrl()))
                        .body(started));
    }

    @GetMapping("/{runId}")
    public Mono<ReconcileReport> get(@PathVariable String runId) {
        long id = runId(runId);
        return blocking.call(() -> runs.get(id));
    }

    /** {@code ?page=&size=}: newest first. */
    @GetMapping
    public Mono<Page<ReconcileReport>> list(
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        PageRequest paging = PageRequest.of(page, size);
        return blocking.call(() -> runs.list(paging));
    }

    private static long runId(String value) {
        return PathIds.positive(value, "runId", "a reconciliation's runId, a whole number such as 12");
    }
}
