package io.gatesync.api.pull;

import java.net.URI;
import java.security.Principal;
import java.time.Instant;

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
 * {@code /zkteco/pull-attendance}: pull BioTime attendance of a time range into the entry logs now, and follow the
 * progress of that pull and of the periodic ones.
 */
@RestController
@RequestMapping(PullController.PATH)
public class PullController {

    static final String PATH = "/zkteco/pull-attendance";

    private final PullService pulls;
    private final Blocking blocking;
    private final ZktecoProperties settings;

    public PullController(PullService pulls, Blocking blocking, ZktecoProperties settings) {
        this.pulls = pulls;
        this.blocking = blocking;
        this.settings = settings;
    }

    /** {@code {"from", "to", "chunkMinutes"?}} → 202 {@code {runId, chunksTotal, statusUrl}}. */
    @PostMapping
    public Mono<ResponseEntity<PullStarted>> start(@RequestBody(required = false) JsonNode body, Principal admin) {
        PullRequest request = PullRequest.from(body, settings.timezone());
        return blocking.call(() -> pulls.start(request, admin.getName()))
                .map(started -> ResponseEntity.accepted()
                        .location(URI.create(started.statusUrl()))
                        .body(started));
    }

    /**
     * {@code {"from": "2026-11-01"}} → 202 {@code {runId, chunksTotal, statusUrl}}: the guided re-read after BioTime
     * was restored from a backup (409 unless the pull has stopped for that).
     */
    @PostMapping("/reread")
    public Mono<ResponseEntity<PullStarted>> reread(@RequestBody(required = false) JsonNode body, Principal admin) {
        Instant from = PullRequest.rereadFrom(body, settings.timezone(), Instant.now());
        return blocking.call(() -> pulls.reread(from, admin.getName()))
                .map(started -> ResponseEntity.accepted()
                        .location(URI.create(started.statusUrl()))
                        .body(started));
    }

    @GetMapping("/{runId}")
    public Mono<PullRunView> get(@PathVariable String runId) {
        long id = runId(runId);
        return blocking.call(() -> pulls.get(id));
    }

    /** {@code ?page=&size=}: newest first. */
    @GetMapping
    public Mono<Page<PullRunView>> list(
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        PageRequest paging = PageRequest.of(page, size);
        return blocking.call(() -> pulls.list(paging));
    }

    private static long runId(String value) {
        return PathIds.positive(value, "runId", "a pull's runId, a whole number such as 12");
    }
}
