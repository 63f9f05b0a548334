/**
 * The {@code entry_logs} vocabulary both applications write: where a row came from ({@link EntrySource}) and what is
 * unusual about it ({@link EntryFlag}). Three writers share the table, each with its own statements: the api's
 * {@code event.EventStore} (gate events), the worker's {@code attendance.AttendanceImporter} (punches pulled from
 * BioTime) and {@code entrylog.EntrySync} (the push's columns only); these types are what they agree on.
 */
package io.gatesync.common.entrylog;
