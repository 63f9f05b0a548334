/**
 * The sync log ({@code zkteco_sync_logs}), typed once for every module: its kinds ({@link SyncLogKind}), outcomes
 * ({@link SyncLogOutcome}) and its one writer ({@link SyncLog}), which the worker (commands, jobs) and the api (manual
 * syncs, dead-letter replays, connection tests) both use. The stored strings are the constants' names.
 */
package io.gatesync.common.synclog;
