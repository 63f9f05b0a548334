package io.gatesync.sim.personnel;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** The read shape of a resignation: the employee expanded (as related objects are on read), the docs' field names. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ResignView(
        long id, EmployeeRef employee, String resignDate, int resignType, String reason, boolean disableatt) {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record EmployeeRef(long id, String empCode, String firstName, String lastName) {}
}
