/**
 * {@code /api/people} ({@link PeopleController}): the people GateSync records. {@link PeopleService} writes the
 * {@code people} row ({@link PersonRepository}) and a {@code SyncPersonCommand} to the outbox in one transaction →
 * worker {@code people.PersonSync} → BioTime employee.
 */
package io.gatesync.api.people;
