/**
 * {@link DbTime}: every DATETIME column holds UTC, and this is the one place that binds and reads one. BioTime's own
 * naive local times are the worker's {@code biotime.BioTimeClock}'s business.
 */
package io.gatesync.common.time;
