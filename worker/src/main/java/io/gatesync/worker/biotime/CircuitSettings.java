package io.gatesync.worker.biotime;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import io.gatesync.common.config.InvalidSettingException;

/**
 * BioTime's circuit breaker ({@code gatesync.circuit.*}, {@link CircuitBreaker}); checked while binding, so a bad value
 * stops start-up with one line naming the variable. The probe's period, GATESYNC_CIRCUIT_PROBE_INTERVAL, is read by
 * {@code OutagePause}'s schedule itself (a scheduled method takes its period as a placeholder).
 *
 * @param failures   GATESYNC_CIRCUIT_FAILURES: BioTime outages in a row that open the circuit
 * @param openFor    GATESYNC_CIRCUIT_OPEN_FOR: how long it stays open the first time
 * @param maxOpenFor GATESYNC_CIRCUIT_MAX_OPEN_FOR: the longest it stays open (the period doubles after a failed trial)
 */
@ConfigurationProperties("gatesync.circuit")
public record CircuitSettings(
        @DefaultValue("5") int failures,
        @DefaultValue("10s") Duration openFor,
        @DefaultValue("2m") Duration maxOpenFor) {

    public CircuitSettings {
        if (failures < 1) {
            throw new InvalidSettingException("GATESYNC_CIRCUIT_FAILURES", Integer.toString(failures), "1 or more");
        }
        if (openFor.isNegative() || openFor.isZero() || maxOpenFor.compareTo(openFor) < 0) {
            throw new InvalidSettingException(
                    "GATESYNC_CIRCUIT_OPEN_FOR",
                    openFor + " (GATESYNC_CIRCUIT_MAX_OPEN_FOR=" + maxOpenFor + ")",
                    "a positive duration no longer than GATESYNC_CIRCUIT_MAX_OPEN_FOR, e.g. 10s and 2m");
        }
    }
}
