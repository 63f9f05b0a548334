/**
 * The api application ({@link ApiApplication}): where a change enters GateSync. Gate events, people and manual
 * operations are written with their commands to the outbox in one transaction, and the outbox relay publishes them to
 * RabbitMQ for the workers. It never calls BioTime itself: its BioTime questions go to a worker. Feature packages
 * below; {@code web} and {@code security} serve them all.
 */
package io.gatesync.api;
