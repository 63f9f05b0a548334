package io.gatesync.api.people;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.gatesync.api.web.Blocking;
import io.gatesync.api.web.FieldChecks;
import io.gatesync.api.web.Page;
import io.gatesync.api.web.PageRequest;
import io.gatesync.common.person.Cnic;
import reactor.core.publisher.Mono;

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
        PersonRequest clean = new PersonRequest(checks.text("name", body.name(), 200, true),
                checks.phone("phone", body.phone(), PHONE_MAX), checks.email("email", body.email(), EMAIL_MAX));
        checks.throwIfInvalid();
        return blocking.call(() -> people.upsert(id, clean))
                .map(r -> ResponseEntity.status(r.created() ? HttpStatus.CREATED : HttpStatus.OK).body(r.person()));
    }

    @GetMapping("/{cnic}")
    public Mono<PersonView> get(@PathVariable String cnic) {
        FieldChecks checks = new FieldChecks();
        Cnic id = checks.cnic("cnic", cnic);
        checks.throwIfInvalid();
        return blocking.call(() -> people.get(id));
    }

    @GetMapping
    public Mono<Page<PersonView>> list(@RequestParam(required = false) Boolean synced,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size) {
        PageRequest paging = PageRequest.of(page, size);
        return blocking.call(() -> people.list(synced, paging));
    }
}
