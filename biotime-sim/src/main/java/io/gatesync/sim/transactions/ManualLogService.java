package io.gatesync.sim.transactions;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

import io.gatesync.sim.SimProperties.Rules;
import io.gatesync.sim.personnel.EmployeeStore;
import io.gatesync.sim.rules.SimRules;
import io.gatesync.sim.transactions.ManualLog.Approval;
import io.gatesync.sim.web.ApiException;

/**
 * Manual logs: created pending (or approved at once, by the rules); approval makes a transaction of the punch,
 * linked to its employee, when the rules say approved manual logs show among the transactions. A second manual log of
 * an employee in the same second is refused with a text containing "Duplicate" (one production client treats that
 * text as success; the exact real wording is unconfirmed).
 */
@Service
public class ManualLogService {

    private final ManualLogStore logs;
    private final TransactionStore transactions;
    private final EmployeeStore employees;
    private final SimRules rules;
    private final Clock clock;

    public ManualLogService(
            ManualLogStore logs, TransactionStore transactions, EmployeeStore employees, SimRules rules, Clock clock) {
        this.logs = logs;
        this.transactions = transactions;
        this.employees = employees;
        this.rules = rules;
        this.clock = clock;
    }

    ManualLog create(long employee, LocalDateTime punchTime, int punchState, String workCode, String applyReason) {
        String empCode = employees.get(employee).map(e -> e.empCode()).orElse(null);
        ManualLog log = new ManualLog(
                logs.nextId(),
                employee,
                empCode,
                punchTime,
                punchState,
                workCode == null ? "" : workCode,
                applyReason,
                LocalDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS),
                Approval.PENDING,
                null);
        Optional<ManualLog> existing = logs.insert(log);
        if (existing.isPresent()) {
            throw ApiException.badRequest(
                    "non_field_errors",
                    "Duplicate manual log: employee " + employee + " already has manual log "
                            + existing.get().id() + " at " + punchTime + ".");
        }
        return rules.current().manualLogApproval() == Rules.ManualLogApproval.AUTO ? approve(log) : log;
    }

    /** Approves these manual logs (all pending ones when {@code ids} is null); answers those it approved. */
    public List<ManualLog> approve(Collection<Long> ids) {
        return logs.all().stream()
                .filter(l -> l.approval() == Approval.PENDING)
                .filter(l -> ids == null || ids.contains(l.id()))
                .map(this::approve)
                .toList();
    }

    private ManualLog approve(ManualLog log) {
        Long transaction = null;
        if (rules.current().manualLogTransaction()) {
            transaction = transactions
                    .add(new NewPunch(
                            log.empCode(),
                            log.employee(),
                            log.punchTime(),
                            log.punchState(),
                            0,
                            log.workCode(),
                            null,
                            "",
                            null,
                            null,
                            null,
                            Transaction.Source.MANUAL_LOG))
                    .map(Transaction::id)
                    .orElse(null); // the person already has a punch in that second: none
        }
        ManualLog approved = log.approved(transaction);
        logs.replace(approved);
        return approved;
    }
}
