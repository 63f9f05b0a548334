package io.gatesync.worker.attendance;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.gatesync.worker.attendance.PunchPolicy.DayPunch;
import io.gatesync.worker.attendance.PunchPolicy.Decision;
import io.gatesync.worker.attendance.PunchPolicy.Rule;

/**
 * What a batch's fresh punches become, decided with the pulled punches they depend on, and how that changes the
 * people's time lines. Pure: the importer reads what it needs ({@link NeighbourhoodReader}) and writes the outcome
 * ({@link ImportWriter}).
 * <p>
 * A day-rule punch (alternate, first-in-last-out) depends on its person's day-rule punches of the whole day; an
 * entry or exit only on bounces, so on that person's entries and exits a few minutes around it
 * ({@link #BOUNCE_REACH}). A punch pulled before whose decision changes (a late upload landed before it) is taken off
 * its line first; then the punches are put on the lines in time order.
 */
final class BatchDecisions {

    /** How far around a new entry or exit its person's stored entries and exits are read for bounces. */
    static final Duration BOUNCE_REACH = Duration.ofMinutes(10);

    /**
     * A punch already pulled, with what it became: a {@code pulled_punches} row, or an entry or exit its entry log
     * keeps alone ({@link #onEntryLogOnly}).
     */
    record Stored(long personId, DayPunch punch, Decision decision) {}

    /**
     * Where a batch's decisions go: the rows of {@code pulled_punches}, for the punches an entry log cannot keep alone
     * (see {@link #onEntryLogOnly}).
     */
    interface Outcome {

        /** A fresh punch (not one GateSync is pushing), its day and what it became. */
        void pulled(KnownPunch punch, LocalDate day, Decision decision);

        /** A punch pulled before whose decision changed (its row written if it had none), and its day. */
        void redecided(Stored punch, LocalDate day, Decision decision);
    }

    /**
     * Whether a punch is kept on its entry log alone: a fixed-direction punch (rule IN or OUT) that became an entry or
     * an exit. Its entry log holds all the pull needs of it (id, time, what it became, its terminal for bounces);
     * everything else (a day-rule punch, whose day is decided again as a whole, a bounce, an in-between) is kept in
     * {@code pulled_punches}.
     */
    static boolean onEntryLogOnly(Rule rule, Decision decision) {
        return (rule == Rule.IN || rule == Rule.OUT) && decision.kind().isPresent();
    }

    /** The terminal an entry log keeps with a punch (null when pulled_punches keeps the punch). */
    private static String terminalOnEntryLog(KnownPunch p, Decision decision) {
        return onEntryLogOnly(p.rule(), decision) ? p.terminalSn() : null;
    }

    /**
     * What putting a batch on its lines counted: punches that made an entry or exit, those that are gate punches
     * GateSync is pushing right now (duplicates), and those that made neither (a bounce, between first and last).
     */
    record Counts(int imported, int inFlight, int folded) {}

    private final PunchPolicy policy;
    private final Map<Long, List<KnownPunch>> fresh;
    private final Map<Long, Decision> decisions;
    private final List<Stored> changed;
    private final Instant lo;
    private final Instant hi;

    private BatchDecisions(
            PunchPolicy policy,
            Map<Long, List<KnownPunch>> fresh,
            Map<Long, Decision> decisions,
            List<Stored> changed,
            Instant lo,
            Instant hi) {
        this.policy = policy;
        this.fresh = fresh;
        this.decisions = decisions;
        this.changed = changed;
        this.lo = lo;
        this.hi = hi;
    }

    /**
     * Decides the fresh punches (by person, none pulled before) with the stored ones around them (by person, as
     * {@link NeighbourhoodReader#storedAround} reads them).
     */
    static BatchDecisions decide(
            PunchPolicy policy, Map<Long, List<KnownPunch>> fresh, Map<Long, List<Stored>> stored) {
        Map<Long, Decision> decisions = new HashMap<>();
        List<Stored> changed = new ArrayList<>();
        Instant lo = null;
        Instant hi = null;
        for (Map.Entry<Long, List<KnownPunch>> person : fresh.entrySet()) {
            Map<String, List<DayPunch>> groups = new HashMap<>(); // a day's day-rule punches, or the entries/exits
            Map<String, Instant[]> freshSpan = new HashMap<>();
            for (KnownPunch p : person.getValue()) {
                String group = group(policy, p.rule(), p.time());
                groups.computeIfAbsent(group, k -> new ArrayList<>())
                        .add(new DayPunch(p.id(), p.time(), p.terminalSn(), p.rule()));
                freshSpan.merge(group, new Instant[] {p.time(), p.time()}, (x, y) ->
                        new Instant[] {min(x[0], y[0]), max(x[1], y[1])});
                lo = min(lo, p.time());
                hi = max(hi, p.time());
            }
            List<Stored> mine = stored.getOrDefault(person.getKey(), List.of());
            for (Stored st : mine) {
                List<DayPunch> group =
                        groups.get(group(policy, st.punch().rule(), st.punch().time()));
                if (group != null) {
                    group.add(st.punch());
                }
            }
            groups.values().forEach(group -> decisions.putAll(policy.decide(group)));
            for (Stored st : mine) {
                String group = group(policy, st.punch().rule(), st.punch().time());
                Decision now = decisions.get(st.punch().id());
                Instant[] span = freshSpan.get(group);
                boolean dayRule =
                        st.punch().rule() == Rule.ALTERNATE || st.punch().rule() == Rule.FIRST_IN_LAST_OUT;
                // an entry or exit read at the edge of its window may lack the punch before it: only those near the
                // new ones are decided again
                boolean near = dayRule
                        || span != null
                                && !st.punch().time().isBefore(span[0].minus(BOUNCE_REACH.dividedBy(2)))
                                && !st.punch().time().isAfter(span[1].plus(BOUNCE_REACH.dividedBy(2)));
                if (now != null && near && now != st.decision()) {
                    changed.add(st);
                    lo = min(lo, st.punch().time());
                    hi = max(hi, st.punch().time());
                }
            }
        }
        return new BatchDecisions(policy, fresh, decisions, changed, lo, hi);
    }

    /** The earliest punch the batch puts on (or takes off) a line: the lines are read from here. */
    Instant lo() {
        return lo;
    }

    /** The latest such punch. */
    Instant hi() {
        return hi;
    }

    /** What a punch of the batch, or a stored one it decided again, became (null for a stored one not looked at). */
    Decision decision(long transactionId) {
        return decisions.get(transactionId);
    }

    /** The stored punches whose decision changed. */
    List<Stored> changed() {
        return changed;
    }

    /**
     * Puts the decisions on the people's lines (read around {@link #lo} and {@link #hi}): a changed stored punch
     * leaves its line and comes back as what it is now; a fresh punch matching a gate punch GateSync is pushing right
     * now counts as a duplicate and is not kept. Each decision goes to {@code outcome}.
     */
    Counts apply(Map<Long, Timeline> lines, Outcome outcome) {
        Map<Long, List<KnownPunch>> toApply = new HashMap<>();
        for (Stored st : changed) {
            Timeline line = lines.get(st.personId());
            Decision now = decisions.get(st.punch().id());
            st.decision().kind().ifPresent(k -> line.remove(st.punch().id()));
            if (now.kind().isPresent()) {
                toApply.computeIfAbsent(line.personId, k -> new ArrayList<>())
                        .add(new KnownPunch(
                                st.punch().id(),
                                st.punch().rule(),
                                st.punch().time(),
                                line.personId,
                                line.cnic,
                                st.punch().terminalSn()));
            }
            outcome.redecided(st, policy.day(st.punch().time()), now);
        }
        int imported = 0;
        int inFlight = 0;
        int folded = 0;
        for (Map.Entry<Long, List<KnownPunch>> person : fresh.entrySet()) {
            Timeline line = lines.get(person.getKey());
            for (KnownPunch p : person.getValue()) {
                Decision decision = decisions.get(p.id());
                if (decision.kind().isPresent()
                        && (p.rule() == Rule.IN || p.rule() == Rule.OUT)
                        && line.claimPushInFlight(decision.kind().get(), p.time())) {
                    inFlight++; // a gate punch GateSync is pushing right now
                    continue;
                }
                if (!onEntryLogOnly(p.rule(), decision)) {
                    outcome.pulled(p, policy.day(p.time()), decision);
                }
                if (decision.kind().isPresent()) {
                    toApply.computeIfAbsent(person.getKey(), k -> new ArrayList<>())
                            .add(p);
                    imported++;
                } else {
                    folded++;
                }
            }
        }
        toApply.forEach((person, punches) -> {
            Timeline line = lines.get(person);
            punches.sort(Comparator.comparing(KnownPunch::time).thenComparingLong(KnownPunch::id));
            punches.forEach(p -> {
                Decision decision = decisions.get(p.id());
                line.apply(decision.kind().get(), p.time(), p.id(), terminalOnEntryLog(p, decision));
            });
        });
        return new Counts(imported, inFlight, folded);
    }

    /** What a punch's decision depends on: a day-rule punch its day, an entry or exit its neighbours. */
    private static String group(PunchPolicy policy, Rule rule, Instant time) {
        return rule == Rule.ALTERNATE || rule == Rule.FIRST_IN_LAST_OUT ? "day|" + policy.day(time) : "fixed";
    }

    private static Instant min(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
