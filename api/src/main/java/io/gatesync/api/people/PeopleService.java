package io.gatesync.api.people;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.gatesync.api.outbox.Outbox;
import io.gatesync.api.web.NotFoundException;
import io.gatesync.api.web.Page;
import io.gatesync.api.web.PageRequest;
import io.gatesync.common.config.ZktecoProperties;
import io.gatesync.common.messaging.SyncPersonCommand;
import io.gatesync.common.person.Cnic;

/**
 * Creates and updates people; each change (details or status: leaving, returning) queues a BioTime sync through the
 * outbox, in the same transaction. The person sync makes the status true in BioTime too (resigned or reinstated).
 */
@Service
public class PeopleService {

    private final PersonRepository people;
    private final Outbox outbox;
    private final TransactionTemplate tx;
    private final ZktecoProperties settings;
    private final Clock clock = Clock.systemUTC();

    public PeopleService(PersonRepository people, Outbox outbox, TransactionTemplate tx, ZktecoProperties settings) {
        this.people = people;
        this.outbox = outbox;
        this.tx = tx;
        this.settings = settings;
    }

    public record Upsert(PersonView person, boolean created) {}

    public Upsert upsert(Cnic cnic, PersonChange request) {
        try {
            return tx.execute(status -> upsertOnce(cnic, request));
        } catch (DuplicateKeyException raced) {
            // Another request created the same person between our read and insert: now it is an update.
            return tx.execute(status -> upsertOnce(cnic, request));
        }
    }

    /**
     * The person leaves today (DELETE): the same as {@code PUT} with status LEFT and their details as they are.
     * Nothing is deleted.
     */
    public PersonView leave(Cnic cnic) {
        return tx.execute(status -> {
            PersonView current = people.findForUpdate(cnic).orElseThrow(() -> notFound(cnic));
            return upsertOnce(
                            cnic,
                            new PersonChange(current.name(), current.phone(), current.email(), PersonStatus.LEFT, null))
                    .person();
        });
    }

    private Upsert upsertOnce(Cnic cnic, PersonChange asked) {
        Optional<PersonView> existing = people.findForUpdate(cnic);
        boolean created = existing.isEmpty();
        PersonChange request = withStatus(asked, existing.orElse(null));
        if (created) {
            people.insert(cnic, request);
        } else if (changed(existing.get(), request)) {
            people.update(cnic, request);
        } else if (existing.get().zktecoSynced()) {
            return new Upsert(existing.get(), false); // nothing new for BioTime
        }
        outbox.add(new SyncPersonCommand(Outbox.newCommandId(), cnic.value(), Instant.now()));
        return new Upsert(people.find(cnic).orElseThrow(), created);
    }

    /**
     * Fills in the status: absent keeps the person's (a new one is ACTIVE); LEFT without a date is today, or the day
     * they left if they had already; ACTIVE has no leaving date.
     */
    private PersonChange withStatus(PersonChange asked, PersonView current) {
        PersonStatus status =
                asked.status() != null ? asked.status() : current != null ? current.status() : PersonStatus.ACTIVE;
        LocalDate leftOn = null;
        if (status == PersonStatus.LEFT) {
            leftOn = asked.leftOn() != null
                    ? asked.leftOn()
                    : current != null && current.status() == PersonStatus.LEFT ? current.leftOn() : today();
        }
        return new PersonChange(asked.name(), asked.phone(), asked.email(), status, leftOn);
    }

    /** Today on the site's calendar (ZKTECO_TIMEZONE, the BioTime server's zone). */
    LocalDate today() {
        return LocalDate.now(clock.withZone(settings.timezone()));
    }

    private static boolean changed(PersonView current, PersonChange request) {
        return !Objects.equals(current.name(), request.name())
                || !Objects.equals(current.phone(), request.phone())
                || !Objects.equals(current.email(), request.email())
                || current.status() != request.status()
                || !Objects.equals(current.leftOn(), request.leftOn());
    }

    private static NotFoundException notFound(Cnic cnic) {
        return new NotFoundException(
                "No person with CNIC " + cnic.formatted() + "; create them with PUT /api/people/" + cnic);
    }

    public PersonView get(Cnic cnic) {
        return people.find(cnic).orElseThrow(() -> notFound(cnic));
    }

    public Page<PersonView> list(Boolean synced, PageRequest page) {
        return Page.of(people.list(synced, page), page, people.count(synced));
    }
}
