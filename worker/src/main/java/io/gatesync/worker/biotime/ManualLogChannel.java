package io.gatesync.worker.biotime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code manual-log}: {@code POST /att/api/manuallogs/} with the employee's BioTime id (the person is synced first).
 * BioTime answers 201 with the manual log and its id: that is the punch's receipt, and the punch is done (a manual
 * log is kept apart from the transactions, and may wait there for approval). A refused copy ("Duplicate") is looked
 * up among the employee's manual logs; a lost answer is looked up there before anything is sent again. Some 8.x
 * builds answer 500 to any manual-log list: then a punch whose answer was lost is sent again once its first push has
 * surely ended, and BioTime's "Duplicate" answer confirms it (id 0: confirmed, id unknown).
 */
public class ManualLogChannel implements PunchChannel {

    private static final Logger log = LoggerFactory.getLogger(ManualLogChannel.class);
    /** The receipt of a punch BioTime refused as a duplicate of a manual log GateSync cannot list. */
    public static final long CONFIRMED_BY_DUPLICATE = 0;

    /** How long a build found unable to list manual logs is not asked again (each 500 also counts as an outage). */
    private static final java.time.Duration UNLISTABLE_FOR = java.time.Duration.ofHours(1);

    private final BioTimeClient client;
    private final BioTimeClock clock;
    private volatile Instant unlistableUntil = Instant.MIN;

    public ManualLogChannel(BioTimeClient client, BioTimeClock clock) {
        this.client = client;
        this.clock = clock;
    }

    @Override
    public boolean answersManualLogs() {
        return true;
    }

    @Override
    public PushResult push(Punch punch) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("employee", punch.employeeId());
        body.put("emp_code", punch.empCode());
        body.put("punch_time", clock.format(punch.time()));
        body.put("punch_state", punch.state());
        body.put("work_code", "");
        body.put("apply_reason", "GateSync gate event");
        try {
            return new PushResult.Stored(client.createManualLog(body).id());
        } catch (BioTimeException e) {
            if (e.status() == 400
                    && e.body() != null
                    && e.body().toLowerCase(java.util.Locale.ROOT).contains("duplicate")) {
                return duplicate(punch);
            }
            return new PushResult.Failed(e);
        } catch (RuntimeException e) {
            return new PushResult.Failed(e);
        }
    }

    /** BioTime has a manual log of this employee in this second: which one, if it lets GateSync list them. */
    private PushResult duplicate(Punch punch) {
        Optional<Optional<HeldPunch>> listed = listed(punch);
        if (listed.isEmpty()) {
            log.info(
                    "BioTime refused the manual log of {} at {} as a duplicate and cannot list manual logs: taken as "
                            + "confirmed",
                    punch.empCode(),
                    clock.format(punch.time()));
            return new PushResult.Stored(CONFIRMED_BY_DUPLICATE);
        }
        Optional<HeldPunch> held = listed.get();
        return held.isPresent() && held.get().sameState(punch)
                ? new PushResult.Stored(held.get().id())
                : new PushResult.SecondTaken(held);
    }

    @Override
    public List<Optional<HeldPunch>> findAll(List<Punch> punches) {
        List<Optional<HeldPunch>> found = new ArrayList<>(punches.size());
        for (Punch punch : punches) {
            found.add(listed(punch).orElse(Optional.empty()));
        }
        return found;
    }

    /**
     * The employee's manual log in the punch's second, read from the list (the seconds around it, compared as
     * times); empty outside when the build cannot list manual logs (a 500 page, 404 or 405; a 502/503 is an outage
     * like any other and is thrown).
     */
    private Optional<Optional<HeldPunch>> listed(Punch punch) {
        if (Instant.now().isBefore(unlistableUntil)) {
            return Optional.empty();
        }
        Instant second = PunchLookup.second(punch.time());
        String wanted = clock.format(second);
        try {
            return Optional.of(client
                    .manualLogs(
                            punch.employeeId(),
                            clock.format(second.minusSeconds(1)),
                            clock.format(second.plusSeconds(1)),
                            null,
                            1,
                            100)
                    .items()
                    .stream()
                    .filter(l -> wanted.equals(clock.wallClock(l.punchTime())))
                    .findFirst()
                    .map(l -> new HeldPunch(l.id(), l.state(), false, null)));
        } catch (BioTimeException e) {
            if (e.status() == 500 || e.status() == 404 || e.status() == 405) {
                log.warn(
                        "BioTime cannot list manual logs ({}): a punch whose answer was lost is sent again once its "
                                + "first push has surely ended, and BioTime's duplicate check answers for it",
                        e.status());
                unlistableUntil = Instant.now().plus(UNLISTABLE_FOR);
                return Optional.empty();
            }
            throw e;
        }
    }
}
