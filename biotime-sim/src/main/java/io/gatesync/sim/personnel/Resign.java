package io.gatesync.sim.personnel;

import java.time.LocalDate;

/**
 * A resignation ({@code /personnel/api/resigns/}): the employee stays, marked resigned; {@code disableAtt} (the
 * docs' {@code disableatt}) turned their attendance off. Reinstatement removes it and turns attendance on again.
 */
public record Resign(
        long id, long employeeId, LocalDate resignDate, int resignType, String reason, boolean disableAtt) {}
