package io.gatesync.api.people;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import io.gatesync.api.outbox.Outbox;
import io.gatesync.api.web.NotFoundException;
import io.gatesync.api.web.Page;
import io.gatesync.api.web.PageRequest;
import io.gatesync.common.messaging.SyncPersonCommand;
import io.gatesync.common.person.Cnic;

/** Creates and updates people; each change queues a BioTime sync through the outbox, in the same transaction. */
@Service
public class PeopleService {

    private final PersonRepository people;
    private final Outbox outbox;
    private final TransactionTemplate tx;

    public PeopleService(PersonRepository people, Outbox outbox, TransactionTemplate tx) {
        this.people = people;
        this.outbox = outbox;
        this.tx = tx;
    }

    public record Upsert(PersonView person, boolean created) {
    }

    public Upsert upsert(Cnic cnic, PersonRequest request) {
        try {
            return tx.execute(status -> upsertOnce(cnic, request));
        } catch (DuplicateKeyException raced) {
            // Another request created the same person between our read and insert: now it is an update.
            return tx.execute(status -> upsertOnce(cnic, request));
        }
    }

    private Upsert upsertOnce(Cnic cnic, PersonRequest request) {
        Optional<PersonView> existing = people.findForUpdate(cnic);
        boolean created = existing.isEmpty();
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

    private static boolean changed(PersonView current, PersonRequest request) {
        return !Objects.equals(current.name(), request.name()) || !Objects.equals(current.phone(), request.phone())
                || !Objects.equals(current.email(), request.email());
    }

    public PersonView get(Cnic cnic) {
        return people.find(cnic).orElseThrow(() -> new NotFoundException(
                "No person with CNIC " + cnic.formatted() + "; create them with PUT /api/people/" + cnic));
    }

    public Page<PersonView> list(Boolean synced, PageRequest page) {
        return Page.of(people.list(synced, page), page, people.count(synced));
    }
}
