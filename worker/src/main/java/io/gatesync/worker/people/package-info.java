/**
 * People → BioTime employees: {@link PersonSyncListener} consumes {@code SyncPersonCommand}s → {@link PersonSync}
 * creates or updates the person's employee ({@link EmployeeDetails} maps the fields). {@code entrylog.EntrySync}
 * calls {@link PersonSync} inline too, since a punch needs its employee first.
 */
package io.gatesync.worker.people;
