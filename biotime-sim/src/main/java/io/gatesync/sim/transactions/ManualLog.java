package io.gatesync.sim.transactions;

import java.time.LocalDateTime;

/**
 * A manual log ({@code att_manuallog}, a workflow instance with an approval status), kept apart from the transactions.
 *
 * @param employee      the employee's BioTime id (not emp_code)
 * @param transactionId the transaction its approval created, or null
 */
public record ManualLog(
        long id,
        long employee,
        String empCode,
        LocalDateTime punchTime,
        int punchState,
        String workCode,
        String applyReason,
        LocalDateTime applyTime,
        Approval approval,
        Long transactionId) {

    /**
     * The workflow's status, written as {@code approval_status} 0, 1, 2. The numbers are the simulator's choice:
     * no capture of a real manual-log row shows them.
     */
    public enum Approval {
        PENDING,
        APPROVED,
        REJECTED;

        public int code() {
            return ordinal();
        }
    }

    ManualLog approved(Long transaction) {
        return new ManualLog(
                id,
                employee,
                empCode,
                punchTime,
                punchState,
                workCode,
                applyReason,
                applyTime,
                Approval.APPROVED,
                transaction);
    }

    String uniqueKey() {
        return employee + "|" + punchTime;
    }
}
