package io.gatesync.api.event;

import java.util.List;

import io.gatesync.api.web.FieldProblem;

/**
 * One item of a batch answer. {@code status} is what {@code POST /api/events} would have answered for the item
 * alone: 202 accepted (also for a repeated event id, with {@code duplicate} true), 400, 409 or 422.
 */
public record BatchItemResult(
        int index,
        String eventId,
        int status,
        Long entryLogId,
        EventOutcome outcome,
        boolean duplicate,
        List<FieldProblem> errors) {

    static BatchItemResult accepted(EventResult r, boolean duplicate) {
        return new BatchItemResult(-1, r.eventId(), 202, r.entryLogId(), r.outcome(), duplicate, List.of());
    }

    static BatchItemResult rejected(String eventId, int status, List<FieldProblem> errors) {
        return new BatchItemResult(-1, eventId, status, null, null, false, errors);
    }

    BatchItemResult at(int index) {
        return new BatchItemResult(index, eventId, status, entryLogId, outcome, duplicate, errors);
    }
}
