package io.gatesync.sim.admin;

import org.springframework.stereotype.Component;

import io.gatesync.sim.auth.TokenStore;
import io.gatesync.sim.faults.Faults;
import io.gatesync.sim.personnel.AreaStore;
import io.gatesync.sim.personnel.DepartmentStore;
import io.gatesync.sim.personnel.EmployeeStore;
import io.gatesync.sim.personnel.PositionStore;
import io.gatesync.sim.transactions.ManualLogStore;
import io.gatesync.sim.transactions.TransactionStore;

/** Puts the simulator back to a fresh install, for test isolation. */
@Component
public class SimReset {

    private final EmployeeStore employees;
    private final TransactionStore transactions;
    private final ManualLogStore manualLogs;
    private final DepartmentStore departments;
    private final AreaStore areas;
    private final PositionStore positions;
    private final TokenStore tokens;
    private final SimStats stats;
    private final Faults faults;

    public SimReset(EmployeeStore employees, TransactionStore transactions, ManualLogStore manualLogs,
            DepartmentStore departments, AreaStore areas, PositionStore positions, TokenStore tokens, SimStats stats,
            Faults faults) {
        this.employees = employees;
        this.transactions = transactions;
        this.manualLogs = manualLogs;
        this.departments = departments;
        this.areas = areas;
        this.positions = positions;
        this.tokens = tokens;
        this.stats = stats;
        this.faults = faults;
    }

    /**
     * Clears employees, transactions, manual logs, tokens, counters and faults; departments, areas and positions
     * go back to their seed (id 1 each), and every id sequence restarts.
     */
    public void resetAll() {
        faults.reset();
        employees.clear();
        transactions.clear();
        manualLogs.clear();
        departments.resetToSeed();
        areas.resetToSeed();
        positions.resetToSeed();
        tokens.clear();
        stats.reset();
    }
}
