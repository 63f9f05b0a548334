/**
 * The integration guide's control routes ({@link ControlController}): test the BioTime connection and browse its
 * employees and transactions, asked of a worker over the rpc queue ({@link BioTimeQueries} → worker
 * {@code query.QueryListener}), and queue syncs by hand through the outbox ({@link ManualSync}). The last connection
 * test is kept in the sync log ({@link ConnectionTests}).
 */
package io.gatesync.api.control;
