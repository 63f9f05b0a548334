package io.gatesync.sim.transactions;

import java.time.LocalDateTime;

/** A punch to store; the store assigns id and upload time. */
public record NewPunch(
        String empCode,
        LocalDateTime punchTime,
        int punchState,
        int verifyType,
        String workCode,
        String terminalSn,
        String terminalAlias,
        Transaction.Source source) {

    /** A device punch as a terminal delivers it (fingerprint verify), for tests that feed the attendance pull. */
    public static NewPunch device(String empCode, LocalDateTime punchTime, int punchState, String terminalSn) {
        return new NewPunch(empCode, punchTime, punchState, 1, "", terminalSn, null, Transaction.Source.INJECTED);
    }
}
