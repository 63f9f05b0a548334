/**
 * {@link WorkerRegistry}: which workers are alive (heartbeats in {@code worker_nodes}), and so this worker's share of
 * the cluster's in-flight budget, which it hands to {@code biotime.InFlightLimit}.
 */
package io.gatesync.worker.cluster;
