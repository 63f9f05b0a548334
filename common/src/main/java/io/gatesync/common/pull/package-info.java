/**
 * The attendance pull's shared domain: {@link PullPlanner} splits a pull into chunks ({@code pull_runs},
 * {@code pull_chunks}) in the caller's transaction, for the api's manual pulls and the worker's periodic one; each
 * chunk becomes a {@code PullAttendanceCommand} the worker's {@code attendance} package imports. Also why a punch is
 * parked ({@link ParkReason}) and how complete the pull is ({@link Completeness}).
 */
package io.gatesync.common.pull;
