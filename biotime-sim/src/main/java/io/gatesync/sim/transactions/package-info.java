/**
 * Punches in, by all three channels GateSync can use: {@code /iclock/api/transactions/}
 * ({@link TransactionController} → {@link TransactionService}), the ADMS device push ({@link AdmsController}) and
 * manual logs ({@link ManualLogController}); one store with the real table's key, one punch per person and second
 * ({@link TransactionStore}).
 */
package io.gatesync.sim.transactions;
