/**
 * {@code GET /api/entry-logs} ({@link EntryLogController}): reads the entry logs that gate events opened and closed,
 * and that the attendance pull imported, newest first ({@link EntryLogs}). Read only.
 */
package io.gatesync.api.entrylog;
