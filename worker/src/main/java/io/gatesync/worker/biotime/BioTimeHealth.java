package io.gatesync.worker.biotime;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The {@code biotime} health detail: DOWN while the circuit is not closed or the last request got no usable answer
 * (timeout, refused or dropped connection, 5xx), UP once BioTime answers, UNKNOWN before the first request. It sends
 * nothing itself (every BioTime request costs budget). Kept out of the readiness group on purpose: a worker whose
 * BioTime is down still takes commands off the queues and parks them (the outage pause), so it must stay ready and
 * alive; ops see the outage here, on {@code gatesync_biotime_circuit_open} and in the alerts.
 */
@Component("biotimeHealthIndicator")
public class BioTimeHealth implements HealthIndicator {

    private final RequestGate gate;

    public BioTimeHealth(RequestGate gate) {
        this.gate = gate;
    }

    @Override
    public Health health() {
        CircuitBreaker.State circuit = gate.breaker().state();
        Health.Builder health = gate.lastCall()
                .map(last -> {
                    Health.Builder builder =
                            circuit != CircuitBreaker.State.CLOSED || last.outage() ? Health.down() : Health.up();
                    builder.withDetail("lastRequest", last.at().toString())
                            .withDetail("lastEndpoint", last.endpoint())
                            .withDetail("lastOutcome", last.outcome());
                    if (last.error() != null) {
                        builder.withDetail("lastError", last.error());
                    }
                    return builder;
                })
                .orElseGet(() -> circuit == CircuitBreaker.State.CLOSED ? Health.unknown() : Health.down());
        return health.withDetail("circuit", circuit.name()).build();
    }
}
