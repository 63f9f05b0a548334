package io.gatesync.api.people;

import java.time.LocalDate;

/**
 * A checked {@code PUT}: the details, and the status asked for ({@code status} null: a new person is ACTIVE, an
 * existing one keeps theirs; {@code leftOn} null: today, or the day a person who had left already left).
 */
record PersonChange(String name, String phone, String email, PersonStatus status, LocalDate leftOn) {}
