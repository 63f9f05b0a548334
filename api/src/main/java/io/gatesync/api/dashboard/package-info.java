/**
 * The {@code /zkteco} dashboard ({@link DashboardController}): a static page and the read-only routes its script polls,
 * the overview of database and broker health, statistics and queue depths ({@link OverviewReader}), and the sync log
 * ({@link SyncLogs}). It only reads; the buttons call the other packages' routes.
 */
package io.gatesync.api.dashboard;
