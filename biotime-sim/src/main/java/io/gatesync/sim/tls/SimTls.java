package io.gatesync.sim.tls;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.ssl.SslBundleRegistrar;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.gatesync.sim.SimProperties;

/**
 * With {@code sim.tls=true} the simulator serves HTTPS only, on its one port, with a certificate it makes at start-up:
 * the {@code biotime-sim} SSL bundle, which biotime-sim.yml gives the server ({@code server.ssl.bundle}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty("sim.tls")
class SimTls {

    static final String BUNDLE = "biotime-sim";
    private static final Logger log = LoggerFactory.getLogger(SimTls.class);

    @Bean
    SimCertificate simCertificate(SimProperties properties) {
        SimCertificate certificate = SimCertificate.generate(properties.tlsNames(), properties.tlsCertificate());
        log.info(
                "Serving HTTPS with a self-signed certificate for {} (\"{}\"); its PEM is in {}: give it to GateSync "
                        + "as ZKTECO_CA_CERT",
                properties.tlsNames(),
                certificate.certificate().getSubjectX500Principal().getName(),
                certificate.pemFile());
        return certificate;
    }

    @Bean
    SslBundleRegistrar simSslBundle(SimCertificate certificate) {
        return registry -> registry.registerBundle(BUNDLE, certificate.bundle());
    }
}
