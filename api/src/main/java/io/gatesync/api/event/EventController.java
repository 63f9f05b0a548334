package io.gatesync.api.event;

import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import io.gatesync.api.web.Blocking;
import io.gatesync.api.web.FieldChecks;
import io.gatesync.api.web.InvalidRequestException;

/** {@code /api/events}: gate entries and exits, one at a time or in batches of up to 1000. */
@RestController
@RequestMapping("/api/events")
public class EventController {

    static final int MAX_BATCH = 1000;

    private final EventService events;
    private final EventWriter writer;
    private final Blocking blocking;

    EventController(EventService events, EventWriter writer, Blocking blocking) {
        this.events = events;
        this.writer = writer;
        this.blocking = blocking;
    }

    /** 202 with the entry log id; a repeated event id answers the first result again and changes nothing. */
    @PostMapping
    public Mono<ResponseEntity<EventResult>> post(@RequestBody EventRequest body) {
        FieldChecks checks = new FieldChecks();
        GateEvent event = GateEvent.from(body, checks);
        checks.throwIfInvalid();
        return Mono.fromFuture(writer.submit(event))
                .map(outcome -> {
                    if (outcome.refused() != null) {
                        throw outcome.refused();
                    }
                    return outcome.recorded();
                })
                .map(r -> ResponseEntity.status(HttpStatus.ACCEPTED)
                        .header("Idempotent-Replayed", Boolean.toString(r.replayed()))
                        .body(r.result()));
    }

    public record BatchResponse(int accepted, int duplicates, int rejected, List<BatchItemResult> results) {}

    /** Every item gets its own result; bad items are reported and do not stop the good ones. */
    @PostMapping("/batch")
    public Mono<BatchResponse> batch(@RequestBody List<EventRequest> body) {
        if (body.isEmpty() || body.size() > MAX_BATCH) {
            throw new InvalidRequestException("body", "must be a JSON array of 1 to " + MAX_BATCH + " events");
        }
        BatchItemResult[] results = new BatchItemResult[body.size()];
        List<GateEvent> valid = new ArrayList<>();
        List<Integer> validIndex = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            FieldChecks checks = new FieldChecks("[" + i + "].");
            GateEvent event = GateEvent.from(body.get(i), checks);
            if (event == null) {
                String id = body.get(i) == null ? null : body.get(i).eventId();
                results[i] =
                        BatchItemResult.rejected(id, 400, checks.problems()).at(i);
            } else {
                valid.add(event);
                validIndex.add(i);
            }
        }
        return blocking.call(() -> events.recordAll(valid)).map(outcomes -> {
            for (int k = 0; k < outcomes.size(); k++) {
                results[validIndex.get(k)] =
                        outcomes.get(k).item(valid.get(k).eventId()).at(validIndex.get(k));
            }
            List<BatchItemResult> all = List.of(results);
            int accepted = (int) all.stream()
                    .filter(r -> r.status() == 202 && !r.duplicate())
                    .count();
            int duplicates =
                    (int) all.stream().filter(BatchItemResult::duplicate).count();
            return new BatchResponse(accepted, duplicates, all.size() - accepted - duplicates, all);
        });
    }
}
