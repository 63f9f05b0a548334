package io.gatesync.worker.people;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The part of a {@code people} row a sync needs; {@code updatedAt} tells whether it changed meanwhile. {@code left}:
 * status LEFT (since {@code leftOn}); {@code resignId}: the BioTime resignation GateSync made or found, if any.
 */
record PersonRow(long id, String cnic, String name, String phone, String email, Long employeeId,
        Instant updatedAt, boolean left, LocalDate leftOn, Long resignId) {

    PersonRow(long id, String cnic, String name, String phone, String email, Long employeeId, Instant updatedAt) {
        this(id, cnic, name, phone, email, employeeId, updatedAt, false, null, null);
    }
}
