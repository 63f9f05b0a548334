/**
 * Database helpers both apps use: {@link RetryingTransactionTemplate} (a deadlock victim runs again from the start;
 * the bean every transaction of the apps goes through, defined in {@link DatabaseConfiguration}, which the api and the
 * worker import), {@link CollisionRetry} (work that collided with another writer runs again after a short random
 * pause; that template's and the worker's attendance import's) and {@link Rows} (nullable columns).
 */
package io.gatesync.common.db;
