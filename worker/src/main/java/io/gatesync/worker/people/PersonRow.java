package io.gatesync.worker.people;

import java.time.Instant;

/** The part of a {@code people} row a sync needs; {@code updatedAt} tells whether it changed meanwhile. */
record PersonRow(long id, String cnic, String name, String phone, String email, Long employeeId,
        Instant updatedAt) {
}
