/**
 * Manual attendance pulls ({@link PullController}): {@link PullService} plans the run's chunks
 * ({@code common.pull.PullPlanner}) and writes one {@code PullAttendanceCommand} per chunk to the outbox in one
 * transaction → worker {@code attendance.ChunkImport} → entry logs. Also the progress of every pull, manual or
 * periodic.
 */
package io.gatesync.api.pull;
