/**
 * HTTPS for the simulator ({@code sim.tls=true}, SIM_TLS=true): a self-signed certificate made at start-up for
 * {@code sim.tls-names} ({@link SimCertificate}), served through a Spring Boot SSL bundle ({@link SimTls}) and written
 * as PEM where GateSync's ZKTECO_CA_CERT can point, so the end-to-end tests can run over TLS.
 */
package io.gatesync.sim.tls;
