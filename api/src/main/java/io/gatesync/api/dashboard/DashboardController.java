package io.gatesync.api.dashboard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import io.gatesync.api.security.Role;
import io.gatesync.api.web.Blocking;
import io.gatesync.api.web.FieldChecks;
import io.gatesync.api.web.Page;
import io.gatesync.api.web.PageRequest;

/**
 * The {@code /zkteco} dashboard: one static page (HTML, CSS and a script under {@code static/zkteco/}, nothing from
 * elsewhere, no build step) whose script polls the JSON routes, and the read-only routes only it needed: who is
 * signed in, the overview (status and statistics) and the sync logs. Who may call them is decided in
 * SecurityConfiguration with every other route (GET: admins and viewers).
 */
@RestController
class DashboardController {

    /** The page loads its own script and style and talks to this api only; nothing inline, nothing from elsewhere. */
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final String page;
    private final OverviewReader overview;
    private final SyncLogs syncLogs;
    private final Blocking blocking;

    DashboardController(OverviewReader overview, SyncLogs syncLogs, Blocking blocking) {
        this.overview = overview;
        this.syncLogs = syncLogs;
        this.blocking = blocking;
        try {
            this.page = new ClassPathResource("static/zkteco/index.html").getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("The dashboard page is missing from the jar", e);
        }
    }

    @GetMapping("/zkteco")
    ResponseEntity<String> page() {
        return ResponseEntity.ok()
                .header("Content-Security-Policy", POLICY)
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .body(page);
    }

    /** The signed-in user, so the page can leave out the controls a viewer may not use. */
    record SignedIn(String username, String role) {}

    @GetMapping("/zkteco/me")
    SignedIn me(Authentication user) {
        return new SignedIn(user.getName(), Role.nameOf(user));
    }

    @GetMapping("/zkteco/overview")
    Mono<Overview> overview() {
        return overview.read();
    }

    /** {@code ?kind=&outcome=&cnic=&from=&to=&page=&size=}: newest first, paged like /api/people. */
    @GetMapping("/zkteco/sync-logs")
    Mono<Page<SyncLogView>> syncLogs(
            @RequestParam(required = false) String kind,
            @RequestParam(required = false) String outcome,
            @RequestParam(required = false) String cnic,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(required = false) String page,
            @RequestParam(required = false) String size) {
        FieldChecks checks = new FieldChecks();
        SyncLogFilter filter = SyncLogFilter.of(checks, kind, outcome, cnic, from, to);
        Integer p = checks.wholeNumber("page", page);
        Integer z = checks.wholeNumber("size", size);
        checks.throwIfInvalid();
        PageRequest paging = PageRequest.of(p, z);
        return blocking.call(() -> syncLogs.list(filter, paging));
    }
}
