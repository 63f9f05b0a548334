package io.gatesync.api.people;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

import io.gatesync.api.web.Blocking;
import io.gatesync.api.web.FieldChecks;
import io.gatesync.api.web.Page;
import io.gatesync.api.web.PageRequest;
import io.gatesync.common.person.Cnic;

/** {@code /api/people}: the people whose gate events GateSync records and whom it keeps as BioTime employees. */
@RestController
@RequestMapping("/api/people")
public class PeopleController {

    /** BioTime's limits for mobile and email (biotime-api.md §3); longer values would be refused there. */
    static final int PHONE_MAX = 20;

    static final int EMAIL_MAX = 50;

    private final PeopleService people;
    private final Blocking blocking;

    public PeopleController(PeopleService people, Blocking blocking) {
        this.people = people;
        this.blocking = blocking;
    }

    @PutMapping("/{cnic}")
    public Mono<ResponseEntity<PersonView>> put(@PathVariable String cnic, @RequestBody PersonRequest body) {
        FieldChecks checks = new FieldChecks();
        Cnic id = checks.cnic("cnic", cnic);
        PersonStatus status = body.status() == null ? null : checks.oneOf("status", body.status(), PersonStatus.class);
        LocalDate leftOn = leftOn(checks, body, status);
        PersonChange clean = new PersonChange(
                checks.text("name", body.name(), 200, true),
                checks.phone("phone", body.phone(), PHONE_MAX),
                checks.email("email", body.email(), EMAIL_MAX),
                status,
                leftOn);
        checks.throwIfInvalid();
        return blocking.call(() -> people.upsert(id, clean))
                .map(r -> ResponseEntity.status(r.created() ? HttpStatus.CREATED : HttpStatus.OK)
                        .body(r.person()));
    }

    /** The person leaves today: the same as {@code PUT} with status LEFT; answers 200 with the person. */
    @DeleteMapping("/{cnic}")
    public Mono<PersonView> delete(@PathVariable String cnic) {
        FieldChecks checks = new FieldChecks();
        Cnic id = checks.cnic("cnic", cnic);
        checks.throwIfInvalid();
        return blocking.call(() -> people.leave(id));
    }

    /** A date, not after today; only with status LEFT (an ACTIVE person has not left). */
    private LocalDate leftOn(FieldChecks checks, PersonRequest body, PersonStatus status) {
        if (body.leftOn() == null || body.leftOn().isBlank()) {
            return null;
        }
        if (status != PersonStatus.LEFT) {
            checks.reject("leftOn", "is only for status LEFT; send \"status\": \"LEFT\" with it, or leave it out");
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(body.leftOn().trim());
        } catch (DateTimeParseException e) {
            checks.reject("leftOn", "must be a date like 2026-11-24 (yyyy-MM-dd)");
            return null;
        }
        if (date.isAfter(people.today())) {
            checks.reject(
                    "leftOn",
                    "must not be in the future (today is " + people.today()
                            + "); send the person's leaving on the day they leave");
            return null;
        }
        return date;
    }

    @GetMapping("/{cnic}")
    public Mono<PersonView> get(@PathVariable String cnic) {
        FieldChecks checks = new FieldChecks();
        Cnic id = checks.cnic("cnic", cnic);
        checks.throwIfInvalid();
        return blocking.call(() -> people.get(id));
    }

    @GetMapping
    public Mono<Page<PersonView>> list(
            @RequestParam(required = false) Boolean synced,
            @RequestParam(required = false) Integer page,
            @RequestParam(required = false) Integer size) {
        PageRequest paging = PageRequest.of(page, size);
        return blocking.call(() -> people.list(synced, paging));
    }
}
