package io.gatesync.api.people;

/**
 * Body of {@code PUT /api/people/{cnic}}; fields are text so each can be checked and reported by name.
 * {@code status} ACTIVE or LEFT (absent: a new person is ACTIVE, an existing one keeps theirs); {@code leftOn} a date
 * (yyyy-MM-dd) for LEFT, by default today, or the day they left already if they had.
 */
public record PersonRequest(String name, String phone, String email, String status, String leftOn) {

    public PersonRequest(String name, String phone, String email) {
        this(name, phone, email, null, null);
    }
}
