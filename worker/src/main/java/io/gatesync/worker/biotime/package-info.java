/**
 * The one BioTime client and everything that guards it. {@link BioTimeClient} sends every request through
 * {@link RequestGate} (circuit breaker, in-flight share, cluster rate budget); punches go through the
 * {@link PunchChannel} that ZKTECO_PUNCH_CHANNEL chose ({@link BioTimeConfiguration}). The last hop of the main flow:
 * worker {@code entrylog.EntrySync} → {@link PunchChannel} → BioTime. A leaf: it depends on no other worker package.
 */
package io.gatesync.worker.biotime;
