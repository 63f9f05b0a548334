/**
 * {@link QueryListener}: answers the api's BioTime questions (connection test, employees, transactions) from the rpc
 * queue through this worker's client, so they pass the same gate and budget as every sync, and turns BioTime's rows
 * into the contract's records ({@code common.messaging.BioTimePage}, {@code EmployeeRow}, {@code TransactionRow}).
 */
package io.gatesync.worker.query;
