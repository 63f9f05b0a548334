package io.gatesync.worker.biotime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

/** The outcome a failed request is timed under, told by the failure's kind. */
class RequestOutcomeTest {

    @Test
    void eachKindOfFailureHasItsOutcome() {
        assertThat(RequestGate.outcomeOf(BioTimeException.timeout("GET /x", new TimeoutException())))
                .isEqualTo("timeout");
        assertThat(RequestGate.outcomeOf(BioTimeException.unreachable("GET /x", new IOException("refused"))))
                .isEqualTo("unreachable");
        assertThat(RequestGate.outcomeOf(BioTimeException.http("GET /x", 503, "", null)))
                .isEqualTo("5xx");
        assertThat(RequestGate.outcomeOf(BioTimeException.http("GET /x", 404, "", null)))
                .isEqualTo("4xx");
        assertThat(BioTimeException.circuitOpen(java.time.Duration.ofSeconds(3)).kind())
                .isEqualTo(BioTimeException.Kind.CIRCUIT_OPEN);
        assertThat(BioTimeException.circuitOpen(java.time.Duration.ofSeconds(3)).waitsWithoutCounting())
                .isTrue();
        assertThat(BioTimeException.setUpNeeded("terminal not authorized").setUpNeeded())
                .isTrue();
        assertThat(BioTimeException.untrustedCertificate("refused", null).refusedUntouched())
                .isTrue();
        assertThat(BioTimeException.permanent("Department not found", 400, "{}").status())
                .isEqualTo(400);
    }
}
