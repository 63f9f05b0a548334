package io.gatesync.sim.transactions;

import java.time.LocalDateTime;

/**
 * A stored punch ({@code iclock_transaction}). Names, department and position are resolved from the employee when
 * read (as BioTime's serializer follows the employee link), so an unknown emp_code reads with null names.
 *
 * @param emp        the employee's id ({@code emp_id}); null when the punch is not linked to one, and then it does
 *                   not count in attendance (reports join on it)
 * @param terminalId the terminal's id ({@code terminal_id}), or null
 * @param areaAlias  the terminal's area name when the punch arrived
 * @param source     which channel created it, so tests can tell e.g. an ADMS push from an API post
 */
public record Transaction(
        long id,
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
        Source source) {

    public enum Source {
        /** POST /iclock/api/transactions/ */
        API,
        /** an approved manual log (POST /att/api/manuallogs/) */
        MANUAL_LOG,
        /** POST /iclock/cdata?table=ATTLOG */
        ADMS,
        /** POST /sim/transactions or {@link TransactionStore#add} from a test */
        INJECTED
    }

    /** The table's unique key: one person, one second ({@code (emp_code, punch_time)}; the state is not in it). */
    String uniqueKey() {
        return key(empCode, punchTime);
    }

    static String key(String empCode, LocalDateTime punchTime) {
        return empCode + '|' + punchTime;
    }
}
