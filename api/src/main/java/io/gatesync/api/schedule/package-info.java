/**
 * Despite the name, nothing here schedules: it holds the operator's view of the workers' schedule.
 * {@link SettingsController}: the settings that change without a restart ({@code zkteco_config}, read by every node's
 * {@code RuntimeSettings}); {@link SyncStatusController}: each periodic job's last run ({@code sync_jobs}, written by
 * the worker's {@code schedule} package) and the pull's watermark.
 */
package io.gatesync.api.schedule;
