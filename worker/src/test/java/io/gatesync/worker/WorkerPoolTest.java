package io.gatesync.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

/** The worker's connection pool keeps parsed statements, within what its small heap can spare. */
class WorkerPoolTest {

    /** The workers' heap (-Xmx112m in compose, Kubernetes and the bench). */
    private static final long HEAP = 112L * 1024 * 1024;

    @Test
    void theDriverKeepsParsedStatementsAndTheirTextsFitInAnEighthOfTheHeap() {
        Map<String, String> driver = WorkerPool.driverProperties();
        assertThat(driver).containsEntry("cachePrepStmts", "true");
        long texts = Long.parseLong(driver.get("prepStmtCacheSize"));
        long longest = Long.parseLong(driver.get("prepStmtCacheSqlLimit"));
        long connections =
                Long.parseLong(WorkerPool.settings().getProperty("spring.datasource.hikari.maximum-pool-size"));
        // every connection's cache full of the longest texts, each kept about three times over (the text, its bytes
        // cut at the parameters, the batch rewrite's parts)
        assertThat(texts * longest * 3 * connections).isLessThanOrEqualTo(HEAP / 8);
    }
}
