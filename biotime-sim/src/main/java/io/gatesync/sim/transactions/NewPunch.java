package io.gatesync.sim.transactions;

import java.time.LocalDateTime;

/**
 * A punch to store; the store assigns the id, and the upload time when none is given.
 *
 * @param emp        the employee's id, or null (unlinked)
 * @param terminalId the terminal's id, or null
 * @param uploadTime when the punch reached BioTime, or null for now
 */
public record NewPunch(
        String empCode,
        Long emp,
        LocalDateTime punchTime,
        int punchState,
        int verifyType,
        String workCode,
        Long terminalId,
        String terminalSn,
        String terminalAlias,
        String areaAlias,
        LocalDateTime uploadTime,
        Transaction.Source source) {

    /** A device punch as a terminal delivers it (fingerprint verify), for tests that feed the attendance pull. */
    public static NewPunch device(
            String empCode, Long emp, LocalDateTime punchTime, int punchState, String terminalSn) {
        return new NewPunch(
                empCode,
                emp,
                punchTime,
                punchState,
                1,
                "",
                null,
                terminalSn,
                null,
                null,
                null,
                Transaction.Source.INJECTED);
    }
}
