/**
 * Gauge plumbing shared by the apps: values that cost a round trip, read at most once per max age ({@link CachedValue},
 * {@link DbGauges}), and the one SQL definition of "BioTime lacks this row" ({@link SyncBacklog}) that the workers'
 * gauges and the api's dashboard both count with.
 */
package io.gatesync.common.metrics;
