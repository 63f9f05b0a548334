package io.gatesync.api.people;

/** Body of {@code PUT /api/people/{cnic}}; fields are text so each can be checked and reported by name. */
public record PersonRequest(String name, String phone, String email) {
}
