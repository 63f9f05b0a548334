package io.gatesync.common.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The application's transactions: a transaction InnoDB picked as a deadlock victim (or that gave up waiting for a
 * lock) was rolled back whole, so it is run again from the start, a few times, after a short random pause. Busy
 * sites hit this when many requests insert side by side (gap locks), and a client should never see it.
 */
public class RetryingTransactionTemplate extends TransactionTemplate {

    /** Four was seen used up by 50 people created at once on a loaded 2-core machine (ApiContractTest). */
    static final int ATTEMPTS = 8;

    private static final Logger log = LoggerFactory.getLogger(RetryingTransactionTemplate.class);

    private final CollisionRetry retry = new CollisionRetry(
            ATTEMPTS,
            1,
            e -> e instanceof PessimisticLockingFailureException,
            (e, attempt) -> log.debug(
                    "Transaction rolled back by the database ({}); attempt {} of {}",
                    ((PessimisticLockingFailureException) e)
                            .getMostSpecificCause()
                            .getMessage(),
                    attempt,
                    ATTEMPTS),
            last -> last,
            e -> new IllegalStateException("interrupted while retrying a transaction", e));

    public RetryingTransactionTemplate(PlatformTransactionManager transactionManager) {
        super(transactionManager);
    }

    @Override
    public <T> T execute(TransactionCallback<T> action) throws TransactionException {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            return super.execute(action); // joins the caller's transaction: only the outermost one can start over
        }
        return retry.run(() -> super.execute(action));
    }
}
