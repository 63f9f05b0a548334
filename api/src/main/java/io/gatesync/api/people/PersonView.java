package io.gatesync.api.people;

import java.time.Instant;

/** A person as the api shows it. */
public record PersonView(String cnic, String name, String phone, String email, Long zktecoEmployeeId,
        boolean zktecoSynced, Instant zktecoLastSync, String zktecoSyncError, Instant createdAt, Instant updatedAt) {
}
