package io.gatesync.api.event;

import java.time.Instant;

import io.gatesync.api.web.FieldChecks;
import io.gatesync.common.person.Cnic;

/** A checked gate event. */
public record GateEvent(String eventId, Cnic cnic, Direction direction, Instant time, String gate) {

    /** Checks a request, recording each bad field in {@code checks}; null if any was bad. */
    static GateEvent from(EventRequest r, FieldChecks checks) {
        if (r == null) {
            checks.reject("event", "must be a JSON object with eventId, cnic, direction, time and gate");
            return null;
        }
        String eventId = checks.text("eventId", r.eventId(), 64, true);
        Cnic cnic = checks.cnic("cnic", r.cnic());
        Direction direction = checks.oneOf("direction", r.direction(), Direction.class);
        Instant time = checks.instant("time", r.time());
        String gate = checks.text("gate", r.gate(), 64, false);
        return checks.ok() ? new GateEvent(eventId, cnic, direction, time, gate) : null;
    }
}
