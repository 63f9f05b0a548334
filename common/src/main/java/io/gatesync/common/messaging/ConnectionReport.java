package io.gatesync.common.messaging;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What a worker's BioTime connection check found: the answer of {@code test-connection}, passed on by the api as is.
 *
 * @param ok               false while there are problems
 * @param problems         what stops GateSync's syncs
 * @param warnings         what works but will not do what a site expects, each with its fix
 * @param terminal         GateSync's terminal as BioTime shows it: "sn (id N) in area …", or null if not reached
 * @param pendingApprovals GateSync's manual logs waiting for approval in BioTime (manual-log channel, when the build
 *                         lists manual logs), else null
 * @param circuit          the answering worker's circuit breaker after the check: CLOSED, OPEN or HALF_OPEN
 */
@JsonIgnoreProperties(ignoreUnknown = true) // a newer worker may say more
public record ConnectionReport(
        boolean ok,
        long latencyMs,
        List<String> problems,
        List<String> warnings,
        String terminal,
        Integer pendingApprovals,
        Instant checkedAt,
        String circuit) {

    public ConnectionReport {
        problems = problems == null ? List.of() : List.copyOf(problems);
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
