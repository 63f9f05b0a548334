package io.gatesync.sim.transactions;

import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * The transaction read shape: biotime-api.md §5 (punch_state a string, verify_type an int, department/position display
 * strings) plus what rows of real servers carry: {@code emp} (the employee's id, null when unlinked) and
 * {@code is_mask}. {@code punchState} is a String or an Integer, as the rules say.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TransactionView(
        long id,
        Long emp,
        String empCode,
        String firstName,
        String lastName,
        String department,
        String position,
        String punchTime,
        Object punchState,
        String punchStateDisplay,
        int verifyType,
        String verifyTypeDisplay,
        String workCode,
        String gpsLocation,
        String areaAlias,
        String terminalSn,
        double temperature,
        String isMask,
        String terminalAlias,
        String uploadTime) {}
