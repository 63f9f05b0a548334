package io.gatesync.worker.attendance;

import java.time.Instant;

import io.gatesync.worker.attendance.PunchPolicy.Rule;

/** A punch ready to import ({@link PunchTriage} let it through): known person, its rule, UTC time. */
record KnownPunch(long id, Rule rule, Instant time, long personId, String cnic, String terminalSn) {}
