package io.gatesync.worker.reconcile;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import io.gatesync.common.config.ZktecoProperties;
import io.gatesync.common.messaging.ReconcileCommand;
import io.gatesync.worker.attendance.AttendanceImporter;
import io.gatesync.worker.biotime.BioTimeClock;
import io.gatesync.worker.biotime.BioTimeException;
import io.gatesync.worker.biotime.Transaction;
import io.gatesync.worker.biotime.TransactionReader;
import io.gatesync.worker.entrylog.DayPunches;
import io.gatesync.worker.entrylog.DayPunches.Held;
import io.gatesync.worker.people.EmployeeCheck;
import io.gatesync.worker.reconcile.ReconcileStore.Action;
import io.gatesync.worker.reconcile.ReconcileStore.Item;
import io.gatesync.worker.reconcile.ReconcileStore.NewItem;
import io.gatesync.worker.reconcile.ReconcileStore.Outcome;

/**
 * Carries out a reconciliation run: day by day, then the employees. Each is first <em>planned</em> (BioTime read,
 * compared with GateSync by {@link DayDiff}, the differences written as items in one transaction), then
 * <em>healed</em> item by item: a lost gate punch sent again ({@link DayPunches#sendAgain}), a BioTime punch never
 * taken imported by the pull's own importer (which parks what it cannot import, with its reason), a drifted
 * employee synced again. A run a killed worker leaves half-done is resumed from its items by the redelivered
 * command, so its report is the one it would have had. BioTime is read at a share of the budget ({@link Pace}).
 */
@Component
public class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    /** Punches imported per call of the importer, and lost punches sent per call of the entry sync. */
    private static final int IMPORT_BATCH = 5_000;

    private static final int PUSH_BATCH = 200;

    private final ReconcileStore store;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final TransactionReader reader;
    private final BioTimeClock clock;
    private final DayPunches punches;
    private final AttendanceImporter importer;
    private final EmployeeCheck employees;
    private final ZktecoProperties settings;
    private final JsonMapper json;
    private final Pace pace;

    public Reconciler(
            JdbcTemplate jdbc,
            TransactionTemplate tx,
            TransactionReader reader,
            BioTimeClock clock,
            DayPunches punches,
            AttendanceImporter importer,
            EmployeeCheck employees,
            ZktecoProperties settings,
            JsonMapper json) {
        this.store = new ReconcileStore(jdbc);
        this.jdbc = JdbcClient.create(jdbc);
        this.tx = tx;
        this.reader = reader;
        this.clock = clock;
        this.punches = punches;
        this.importer = importer;
        this.employees = employees;
        this.settings = settings;
        this.json = json;
        this.pace = new Pace(settings.rateLimit());
    }

    /** Runs (or resumes) the command's run; returns what it did, for the sync log. */
    public String run(ReconcileCommand command) {
        ReconcileStore.Run run = store.run(command.runId())
                .orElseThrow(() -> BioTimeException.permanent(
                        "No reconciliation run " + command.runId() + " in the database", 0, null));
        if (!"RUNNING".equals(run.status())) {
            return "run " + run.id() + " already " + run.status();
        }
        try {
            for (ReconcileStore.Day day : store.days(run.id())) {
                if (!"DONE".equals(day.status())) {
                    if ("PENDING".equals(day.status())) {
                        plan(run.id(), day.day());
                    }
                    heal(run.id(), day.day());
                    store.dayDone(run.id(), day.day());
                }
            }
            if (!"DONE".equals(run.employeesStatus())) {
                if ("PENDING".equals(run.employeesStatus())) {
                    planEmployees(run.id());
                }
                healEmployees(run.id());
                store.employeesDone(run.id());
            }
        } catch (BioTimeException e) {
            if (e.retryable()) {
                throw e; // tried again later; the run resumes from its items
            }
            Map<String, Integer> counts = store.finish(run.id(), "FAILED", e.getMessage());
            log.warn("Reconciliation run {} failed: {} ({})", run.id(), e.getMessage(), counts);
            return "run " + run.id() + " failed: " + e.getMessage();
        }
        Map<String, Integer> counts = store.finish(run.id(), "DONE", null);
        log.info("Reconciliation run {} done: {}", run.id(), counts);
        return "run " + run.id() + " done: " + counts
                + (counts.containsKey(Outcome.UNRESOLVED.name()) ? "" : ", nothing unresolved");
    }

    /** Reads the day from both sides and writes its differences. */
    private void plan(long runId, LocalDate day) {
        ZoneId zone = clock.zone();
        Instant from = day.atStartOfDay(zone).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
        // GateSync's side first, so BioTime's punches it knows by id are only counted as they are read
        List<Held> held = punches.of(from, to);
        // person by person on the pull's own (person_id, punch_day, …) key: punch_day is the day in BioTime's zone
        Set<Long> pulled = new HashSet<>(jdbc.sql("SELECT STRAIGHT_JOIN u.transaction_id FROM people p "
                        + "JOIN pulled_punches u ON u.person_id = p.id AND u.punch_day = ?")
                .param(day)
                .query(Long.class)
                .list());
        DayDiff.Reading biotime = new DayDiff.Reading(DayDiff.known(held, pulled));
        pace.await();
        reader.read(clock.format(from), clock.format(to.minusSeconds(1)), page -> {
            biotime.add(page);
            pace.await(); // before the next page's read
        });
        DayDiff diff = DayDiff.of(biotime, held, pulled, settings.terminalSn(), clock::parse);
        List<NewItem> items = new ArrayList<>();
        diff.push().forEach(p -> items.add(new NewItem(Action.PUSH, p.ref(), json.writeValueAsString(p), null, null)));
        diff.imports()
                .forEach(t -> items.add(
                        new NewItem(Action.IMPORT, Long.toString(t.id()), json.writeValueAsString(t), null, null)));
        diff.unresolved()
                .forEach(u -> items.add(new NewItem(Action.UNRESOLVED, u.ref(), null, Outcome.UNRESOLVED, u.reason())));
        tx.executeWithoutResult(
                status -> store.planned(runId, day, diff.gatesync(), diff.biotime(), diff.matched(), items));
        log.info(
                "Reconciliation run {}, {}: GateSync {}, BioTime {}, matched {}; to send again {}, to import {}, "
                        + "unresolved {}",
                runId,
                day,
                diff.gatesync(),
                diff.biotime(),
                diff.matched(),
                diff.push().size(),
                diff.imports().size(),
                diff.unresolved().size());
    }

    private void heal(long runId, LocalDate day) {
        List<Item> push = store.open(runId, day, Action.PUSH);
        for (int i = 0; i < push.size(); i += PUSH_BATCH) {
            List<Item> batch = push.subList(i, Math.min(push.size(), i + PUSH_BATCH));
            Map<String, Item> byRef = new HashMap<>();
            batch.forEach(item -> byRef.put(item.ref(), item));
            Map<String, String> sent = punches.sendAgain(batch.stream()
                    .map(item -> json.readValue(item.detail(), Held.class))
                    .toList());
            List<Long> pushed = new ArrayList<>();
            sent.forEach((ref, failure) -> {
                if (failure == null) {
                    pushed.add(byRef.get(ref).id());
                } else {
                    store.unresolved(byRef.get(ref).id(), "sent again, but BioTime refused it: " + failure);
                }
            });
            store.healed(pushed, Outcome.PUSHED);
        }
        List<Item> imports = store.open(runId, day, Action.IMPORT);
        for (int i = 0; i < imports.size(); i += IMPORT_BATCH) {
            List<Item> batch = imports.subList(i, Math.min(imports.size(), i + IMPORT_BATCH));
            importer.importPunches(batch.stream()
                    .map(item -> json.readValue(item.detail(), Transaction.class))
                    .toList());
            classify(batch);
        }
    }

    /** What the importer made of each punch, by where it is now. */
    private void classify(List<Item> batch) {
        Map<Long, Item> byId = new HashMap<>();
        batch.forEach(item -> byId.put(Long.parseLong(item.ref()), item));
        Set<Long> parked = ids("SELECT transaction_id FROM parked_punches WHERE transaction_id IN (:ids)", byId);
        Set<Long> pulled = importer.stored(List.copyOf(byId.keySet()));
        List<Long> imported = new ArrayList<>();
        List<Long> waiting = new ArrayList<>();
        byId.forEach((id, item) -> {
            if (parked.contains(id)) {
                waiting.add(item.id());
            } else if (pulled.contains(id)) {
                imported.add(item.id());
            } else {
                store.unresolved(item.id(), "the pull's importer neither imported nor parked it");
            }
        });
        store.healed(imported, Outcome.IMPORTED);
        store.healed(waiting, Outcome.PARKED);
    }

    private Set<Long> ids(String sql, Map<Long, Item> byId) {
        return new HashSet<>(
                jdbc.sql(sql).param("ids", byId.keySet()).query(Long.class).list());
    }

    private void planEmployees(long runId) {
        EmployeeCheck.Result result = employees.compare(settings.pageSize(), pace::await);
        List<NewItem> items = result.drifted().stream()
                .map(d -> new NewItem(Action.RESYNC, d.cnic(), json.writeValueAsString(d), null, null))
                .toList();
        tx.executeWithoutResult(status -> store.employeesPlanned(runId, result.checked(), items));
        log.info("Reconciliation run {}: {} employees checked, {} drifted", runId, result.checked(), items.size());
    }

    private void healEmployees(long runId) {
        for (Item item : store.open(runId, null, Action.RESYNC)) {
            EmployeeCheck.Drift drift = json.readValue(item.detail(), EmployeeCheck.Drift.class);
            try {
                employees.heal(drift.cnic());
                store.healed(List.of(item.id()), drift.resign() ? Outcome.RESIGNED : Outcome.RESYNCED);
            } catch (BioTimeException e) {
                if (e.retryable()) {
                    throw e;
                }
                store.unresolved(item.id(), drift.what() + "; synced again, but BioTime refused: " + e.getMessage());
            }
        }
    }
}
