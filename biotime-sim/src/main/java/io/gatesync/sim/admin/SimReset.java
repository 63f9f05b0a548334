package io.gatesync.sim.admin;

import org.springframework.stereotype.Component;

import io.gatesync.sim.SimProperties;
import io.gatesync.sim.auth.TokenStore;
import io.gatesync.sim.faults.Faults;
import io.gatesync.sim.personnel.AreaStore;
import io.gatesync.sim.personnel.DepartmentStore;
import io.gatesync.sim.personnel.EmployeeStore;
import io.gatesync.sim.personnel.PositionStore;
import io.gatesync.sim.personnel.ResignService;
import io.gatesync.sim.rules.SimRules;
import io.gatesync.sim.terminals.TerminalStore;
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
    private final TerminalStore terminals;
    private final SimRules rules;
    private final TokenStore tokens;
    private final SimStats stats;
    private final Faults faults;
    private final SimProperties props;
    private final ResignService resigns;

    public SimReset(
            EmployeeStore employees,
            TransactionStore transactions,
            ManualLogStore manualLogs,
            DepartmentStore departments,
            AreaStore areas,
            PositionStore positions,
            TerminalStore terminals,
            SimRules rules,
            TokenStore tokens,
            SimStats stats,
            Faults faults,
            SimProperties props,
            ResignService resigns) {
        this.resigns = resigns;
        this.employees = employees;
        this.transactions = transactions;
        this.manualLogs = manualLogs;
        this.departments = departments;
        this.areas = areas;
        this.positions = positions;
        this.terminals = terminals;
        this.rules = rules;
        this.tokens = tokens;
        this.stats = stats;
        this.faults = faults;
        this.props = props;
        seedAreas();
    }

    /**
     * Clears employees, resignations, transactions, manual logs, terminals, tokens, counters and faults; departments, areas and
     * positions go back to their seed (id 1 each, and the areas of {@code sim.seed-areas} after it), the rules to
     * their start-up values, and every id sequence restarts.
     */
    public void resetAll() {
        faults.reset();
        rules.reset();
        terminals.clear();
        resigns.clear();
        employees.clear();
        transactions.clear();
        manualLogs.clear();
        departments.resetToSeed();
        areas.resetToSeed();
        seedAreas();
        positions.resetToSeed();
        tokens.clear();
        stats.reset();
    }

    /** The areas of {@code sim.seed-areas}, as an admin would have made them (code and name alike). */
    private void seedAreas() {
        props.seedAreas().forEach(name -> areas.create(name, name, null));
    }
}
