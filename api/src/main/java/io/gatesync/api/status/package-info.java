/**
 * What the workers have done, for the dashboard and ops: {@link SyncStatusController} ({@code GET /zkteco/sync-status})
 * reads ({@link SyncStatusReader}) each periodic job's last run ({@code sync_jobs}, written by the worker's
 * {@code schedule} package) and the pull's cursor and "complete up to" mark.
 */
package io.gatesync.api.status;
