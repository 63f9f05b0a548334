package io.gatesync.worker.biotime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code manual-log}: {@code POST /att/api/manuallogs/} with the employee's BioTime id (the person is synced
 * first). BioTime answers with the manual log, not the transaction, so the transaction id is read back; if BioTime
 * holds manual logs for approval the punch is not visible yet, and the sync is retried later (the push-started
 * mark makes the retry look it up instead of sending a second manual log).
 */
public class ManualLogChannel implements PunchChannel {

    private final BioTimeClient client;
    private final BioTimeClock clock;
    private final PunchLookup lookup;

    public ManualLogChannel(BioTimeClient client, BioTimeClock clock, PunchLookup lookup) {
        this.client = client;
        this.clock = clock;
        this.lookup = lookup;
    }

    @Override
    public long push(Punch punch) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("employee", punch.employeeId());
        body.put("punch_time", clock.format(punch.time()));
        body.put("punch_state", punch.state());
        body.put("work_code", "");
        body.put("apply_reason", "GateSync gate event");
        client.createManualLog(body);
        return lookup.find(punch).orElseThrow(() -> BioTimeException.notYetVisible(
                "Manual log for " + punch.empCode() + " at " + clock.format(punch.time())
                        + " accepted but not yet a transaction (approval pending?)"));
    }

    @Override
    public Optional<Long> find(Punch punch) {
        return lookup.find(punch);
    }
}
