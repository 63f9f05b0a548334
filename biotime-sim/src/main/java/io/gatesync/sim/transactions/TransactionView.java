package io.gatesync.sim.transactions;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** The transaction read shape of biotime-api.md §5: punch_state a string, verify_type an int, department/position display strings. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TransactionView(
        long id,
        String empCode,
        String firstName,
        String lastName,
        String department,
        String position,
        String punchTime,
        String punchState,
        String punchStateDisplay,
        int verifyType,
        String verifyTypeDisplay,
        String workCode,
        String gpsLocation,
        String areaAlias,
        String terminalSn,
        double temperature,
        String terminalAlias,
        String uploadTime) {
}
