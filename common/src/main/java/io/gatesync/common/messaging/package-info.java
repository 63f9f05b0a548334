/**
 * The contract between the api and the workers on RabbitMQ. {@link CommandTopology} is the one description of the
 * exchanges and queues (a work and a dead-letter queue per {@link CommandKind}, a delay queue per retry step); the
 * commands are the sealed {@link Command}s, sent up to ten of a kind per message ({@link CommandGroups}). Flow: api
 * outbox (or a worker's periodic job) → commands exchange → worker listeners; the api's BioTime questions go over
 * the rpc queue as {@link BioTimeQuery} / {@link QueryReply}, whose data is a record ({@link ConnectionReport}, a
 * {@link BioTimePage} of {@link EmployeeRow}s or {@link TransactionRow}s) the api passes on as its answer.
 */
package io.gatesync.common.messaging;
