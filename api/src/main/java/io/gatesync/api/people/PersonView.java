package io.gatesync.api.people;

import java.time.Instant;
import java.time.LocalDate;

/** A person as the api shows it. */
public record PersonView(
        String cnic,
        String name,
        String phone,
        String email,
        PersonStatus status,
        LocalDate leftOn,
        Long zktecoEmployeeId,
        boolean zktecoSynced,
        boolean zktecoResigned,
        Instant zktecoLastSync,
        String zktecoSyncError,
        Instant createdAt,
        Instant updatedAt) {}
