package io.gatesync.worker.attendance;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.gatesync.common.config.InvalidSettingException;
import io.gatesync.common.pull.ParkReason;
import io.gatesync.worker.attendance.Timeline.Kind;

/**
 * What the pull makes of a punch: an entry, an exit, or neither, by its state, its terminal and the person's other
 * punches of the day. A pure function of the day's punches, never of the order they arrive in, so a late upload that
 * lands among a day's punches gets the answer it would have had on time (and may change its neighbours').
 * <ul>
 * <li>State 0 is an entry, 1 an exit.</li>
 * <li>States 2–5 follow GATESYNC_PULL_OTHER_STATES, 255 ("Unknown": a terminal that does not track direction)
 * GATESYNC_PULL_UNKNOWN_STATE: {@code skip} (parked), {@code as-entry-exit} (2–5 only: 3, 4 entries; 2, 5 exits),
 * {@code alternate} (in time order per person and day, starting with an entry) or {@code first-in-last-out} (the
 * day's first is the entry, its last the exit, the ones between count for neither).</li>
 * <li>GATESYNC_PULL_TERMINALS overrides by terminal serial number, whatever the state: {@code SN=in} or {@code out}
 * for a fixed-direction gate, {@code alternate}, {@code first-in-last-out}, {@code as-sent}; {@code *=park} parks the
 * punches of every terminal not listed.</li>
 * <li>Bounce: the same person on the same terminal with the same rule (a check-in then a check-out are two
 * punches) within GATESYNC_PULL_BOUNCE_SECONDS of a punch kept is the same punch, and counts for nothing.</li>
 * </ul>
 * Alternate and first-in-last-out count the punches they decide, of one person on one day in the BioTime server's
 * zone; a night shift across midnight starts a new day (give such sites' gates a fixed direction).
 */
public final class PunchPolicy {

    /** What a punch's state and terminal say, before its day is looked at. */
    enum Rule {
        IN,
        OUT,
        ALTERNATE,
        FIRST_IN_LAST_OUT
    }

    /** What a punch became. */
    enum Decision {
        IN,
        OUT,
        BETWEEN,
        BOUNCE;

        /** The entry or exit it makes, or empty when it makes none. */
        Optional<Kind> kind() {
            return this == IN ? Optional.of(Kind.IN) : this == OUT ? Optional.of(Kind.OUT) : Optional.empty();
        }
    }

    /** A named policy for the states that say no direction. */
    enum StatePolicy {
        SKIP,
        AS_ENTRY_EXIT,
        ALTERNATE,
        FIRST_IN_LAST_OUT;

        static StatePolicy parse(String variable, String text, boolean asEntryExit) {
            String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
            String allowed = asEntryExit
                    ? "skip, as-entry-exit, alternate or first-in-last-out"
                    : "skip, alternate or first-in-last-out";
            return switch (value) {
                case "skip" -> SKIP;
                case "alternate" -> ALTERNATE;
                case "first-in-last-out" -> FIRST_IN_LAST_OUT;
                case "as-entry-exit" -> {
                    if (!asEntryExit) {
                        throw new InvalidSettingException(variable, text, allowed);
                    }
                    yield AS_ENTRY_EXIT;
                }
                default -> throw new InvalidSettingException(variable, text, allowed);
            };
        }

        String setting() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** What GATESYNC_PULL_TERMINALS says of one terminal. */
    enum TerminalPolicy {
        AS_SENT,
        IN,
        OUT,
        ALTERNATE,
        FIRST_IN_LAST_OUT,
        PARK
    }

    /** A punch's rule, or why it is parked. */
    record Ruling(Rule rule, ParkReason parked, String why) {

        static Ruling of(Rule rule) {
            return new Ruling(rule, null, null);
        }

        static Ruling park(ParkReason reason, String why) {
            return new Ruling(null, reason, why);
        }
    }

    /** One punch of a person's day, as the day's decision sees it. */
    record DayPunch(long id, Instant time, String terminalSn, Rule rule) {}

    static final String OTHER_STATES = "GATESYNC_PULL_OTHER_STATES";
    static final String UNKNOWN_STATE = "GATESYNC_PULL_UNKNOWN_STATE";
    static final String TERMINALS = "GATESYNC_PULL_TERMINALS";
    static final String BOUNCE_SECONDS = "GATESYNC_PULL_BOUNCE_SECONDS";

    private static final Comparator<DayPunch> ORDER =
            Comparator.comparing(DayPunch::time).thenComparingLong(DayPunch::id);

    private final StatePolicy otherStates;
    private final StatePolicy unknownState;
    private final Map<String, TerminalPolicy> terminals;
    private final TerminalPolicy unlisted;
    private final Duration bounce;
    private final ZoneId zone;
    private final String fingerprint;

    PunchPolicy(
            StatePolicy otherStates,
            StatePolicy unknownState,
            Map<String, TerminalPolicy> terminals,
            TerminalPolicy unlisted,
            int bounceSeconds,
            ZoneId zone) {
        this.otherStates = otherStates;
        this.unknownState = unknownState;
        this.terminals = Map.copyOf(terminals);
        this.unlisted = unlisted;
        this.bounce = Duration.ofSeconds(bounceSeconds);
        this.zone = zone;
        this.fingerprint = Integer.toHexString(
                (otherStates + "|" + unknownState + "|" + new TreeMap<>(terminals) + "|" + unlisted).hashCode());
    }

    /** From the settings' texts; a bad one stops start-up with one line naming the variable. */
    public static PunchPolicy of(
            String otherStates, String unknownState, String terminals, int bounceSeconds, ZoneId zone) {
        if (bounceSeconds < 0 || bounceSeconds > 300) {
            throw new InvalidSettingException(BOUNCE_SECONDS, String.valueOf(bounceSeconds), "0 (off) to 300");
        }
        Map<String, TerminalPolicy> listed = new LinkedHashMap<>();
        TerminalPolicy unlisted = TerminalPolicy.AS_SENT;
        for (String item : terminals == null ? new String[0] : terminals.split(",")) {
            if (item.isBlank()) {
                continue;
            }
            int eq = item.indexOf('=');
            String sn = eq < 0 ? "" : item.substring(0, eq).trim();
            TerminalPolicy policy = eq < 0 ? null : terminalPolicy(item.substring(eq + 1));
            if (sn.isEmpty() || policy == null || policy == TerminalPolicy.PARK && !sn.equals("*")) {
                throw new InvalidSettingException(
                        TERMINALS,
                        terminals,
                        "SN=in|out|alternate|first-in-last-out|"
                                + "as-sent, comma-separated, and *=park to park the punches of unlisted terminals");
            }
            if (sn.equals("*")) {
                unlisted = policy;
            } else {
                listed.put(sn, policy);
            }
        }
        return new PunchPolicy(
                StatePolicy.parse(OTHER_STATES, otherStates, true),
                StatePolicy.parse(UNKNOWN_STATE, unknownState, false),
                listed,
                unlisted,
                bounceSeconds,
                zone);
    }

    private static TerminalPolicy terminalPolicy(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "in" -> TerminalPolicy.IN;
            case "out" -> TerminalPolicy.OUT;
            case "alternate" -> TerminalPolicy.ALTERNATE;
            case "first-in-last-out" -> TerminalPolicy.FIRST_IN_LAST_OUT;
            case "as-sent" -> TerminalPolicy.AS_SENT;
            case "park" -> TerminalPolicy.PARK;
            default -> null;
        };
    }

    /** The punch's rule by its state ({@code state} null when not a number) and terminal, or why it waits. */
    Ruling rule(Integer state, String rawState, String terminalSn) {
        // No terminal: a manual log (GateSync's own manual-log punches among them), whose state was chosen by hand.
        TerminalPolicy byTerminal = terminalSn == null || terminalSn.isBlank()
                ? TerminalPolicy.AS_SENT
                : terminals.getOrDefault(terminalSn, unlisted);
        switch (byTerminal) {
            case IN:
                return Ruling.of(Rule.IN);
            case OUT:
                return Ruling.of(Rule.OUT);
            case ALTERNATE:
                return Ruling.of(Rule.ALTERNATE);
            case FIRST_IN_LAST_OUT:
                return Ruling.of(Rule.FIRST_IN_LAST_OUT);
            case PARK:
                return Ruling.park(
                        ParkReason.UNKNOWN_TERMINAL,
                        "terminal " + terminalSn + " is not listed in "
                                + TERMINALS
                                + ", which parks unlisted terminals (*=park): add it as SN=in, out, alternate, "
                                + "first-in-last-out or as-sent");
            default:
                break;
        }
        if (state == null || state < 0 || state > 5 && state != 255) {
            return Ruling.park(
                    ParkReason.UNKNOWN_STATE,
                    "punch_state \"" + rawState + "\" is none BioTime defines " + "(0–5, 255): give terminal "
                            + terminalSn + " a direction in " + TERMINALS);
        }
        if (state == 0) {
            return Ruling.of(Rule.IN);
        }
        if (state == 1) {
            return Ruling.of(Rule.OUT);
        }
        boolean unknown = state == 255;
        StatePolicy policy = unknown ? unknownState : otherStates;
        return switch (policy) {
            case SKIP ->
                Ruling.park(
                        ParkReason.STATE_SKIPPED,
                        (unknown ? UNKNOWN_STATE : OTHER_STATES)
                                + "=skip: set it to "
                                + (unknown
                                        ? "alternate or first-in-last-out"
                                        : "as-entry-exit, alternate " + "or first-in-last-out")
                                + ", or give the terminal a direction in " + TERMINALS + ", to import it");
            case AS_ENTRY_EXIT -> Ruling.of(state == 3 || state == 4 ? Rule.IN : Rule.OUT);
            case ALTERNATE -> Ruling.of(Rule.ALTERNATE);
            case FIRST_IN_LAST_OUT -> Ruling.of(Rule.FIRST_IN_LAST_OUT);
        };
    }

    /** The punch's day in the BioTime server's zone: what alternate and first-in-last-out count within. */
    LocalDate day(Instant time) {
        return LocalDate.ofInstant(time, zone);
    }

    /** The first instant of a day. */
    Instant start(LocalDate day) {
        return day.atStartOfDay(zone).toInstant();
    }

    /** Whether bounces are suppressed at all (GATESYNC_PULL_BOUNCE_SECONDS above 0). */
    boolean bounces() {
        return !bounce.isZero();
    }

    /** Changes whenever the state policy does: parked punches of a policy-dependent reason are retried then. */
    String fingerprint() {
        return fingerprint;
    }

    /** One person's punches of one day (any order) → what each became. */
    Map<Long, Decision> decide(List<DayPunch> day) {
        List<DayPunch> ordered = new ArrayList<>(day);
        ordered.sort(ORDER);
        Map<Long, Decision> decisions = new HashMap<>();
        Map<String, Instant> lastKept = new HashMap<>();
        List<DayPunch> alternate = new ArrayList<>();
        List<DayPunch> firstLast = new ArrayList<>();
        for (DayPunch p : ordered) {
            String tapKey = p.terminalSn() == null ? null : p.terminalSn() + "|" + p.rule();
            Instant kept = tapKey == null ? null : lastKept.get(tapKey);
            if (kept != null
                    && !bounce.isZero()
                    && Duration.between(kept, p.time()).compareTo(bounce) <= 0) {
                decisions.put(p.id(), Decision.BOUNCE);
                continue;
            }
            if (tapKey != null) {
                lastKept.put(tapKey, p.time());
            }
            switch (p.rule()) {
                case IN -> decisions.put(p.id(), Decision.IN);
                case OUT -> decisions.put(p.id(), Decision.OUT);
                case ALTERNATE -> alternate.add(p);
                case FIRST_IN_LAST_OUT -> firstLast.add(p);
            }
        }
        for (int i = 0; i < alternate.size(); i++) {
            decisions.put(alternate.get(i).id(), i % 2 == 0 ? Decision.IN : Decision.OUT);
        }
        for (int i = 0; i < firstLast.size(); i++) {
            decisions.put(
                    firstLast.get(i).id(),
                    i == 0 ? Decision.IN : i == firstLast.size() - 1 ? Decision.OUT : Decision.BETWEEN);
        }
        return decisions;
    }
}
