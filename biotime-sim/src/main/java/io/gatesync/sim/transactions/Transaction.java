package io.gatesync.sim.transactions;

import java.time.LocalDateTime;

/**
 * A stored punch. Names, department and position are resolved from the employee when read (as BioTime's
 * serializer follows the employee link), so an unknown emp_code reads with null names.
 *
 * @param source which channel created it, so tests can tell e.g. an ADMS push from an API post
 */
public record Transaction(
        long id,
        String empCode,
        LocalDateTime punchTime,
        int punchState,
        int verifyType,
        String workCode,
        String terminalSn,
        String terminalAlias,
        LocalDateTime uploadTime,
        Source source) {

    public enum Source {
        /** POST /iclock/api/transactions/ */
        API,
        /** POST /att/api/manuallogs/ */
        MANUAL_LOG,
        /** POST /iclock/cdata?table=ATTLOG */
        ADMS,
        /** POST /sim/transactions or {@link TransactionStore#add} from a test */
        INJECTED
    }
}
