package io.gatesync.sim.transactions;

import java.time.LocalDateTime;

/**
 * A manual log as created through /att/api/manuallogs/; it is also recorded as a transaction.
 *
 * @param employee      the employee's BioTime id (not emp_code)
 * @param transactionId the transaction recorded for it
 */
public record ManualLog(long id, long employee, LocalDateTime punchTime, int punchState, String workCode,
        String applyReason, long transactionId) {
}
