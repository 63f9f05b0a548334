package io.gatesync.worker.biotime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.gatesync.sim.tls.SimCertificate;

/** The decorator only names what the bundle's trust manager refuses; it never accepts anything itself. */
class NamingTrustManagerTest {

    private static X509Certificate given;
    private static X509Certificate other;

    @BeforeAll
    static void certificates() {
        given = SimCertificate.generate(List.of("biotime.example"), null).certificate();
        other = SimCertificate.generate(List.of("other.example"), null).certificate();
    }

    private static X509ExtendedTrustManager trusting(X509Certificate certificate) throws Exception {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        store.setCertificateEntry("given", certificate);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return (X509ExtendedTrustManager) factory.getTrustManagers()[0];
    }

    @Test
    void theGivenCertificateIsTrustedAndAnotherIsRefusedWithItsSubject() throws Exception {
        NamingTrustManager manager = new NamingTrustManager(trusting(given));

        assertThatCode(() -> manager.checkServerTrusted(new X509Certificate[] {given}, "ECDHE_ECDSA"))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> manager.checkServerTrusted(new X509Certificate[] {other}, "ECDHE_ECDSA"))
                .isInstanceOfSatisfying(
                        NamingTrustManager.RefusedCertificateException.class,
                        e -> assertThat(e.certificate()).isEqualTo(other))
                .hasCauseInstanceOf(CertificateException.class);
    }

    @Test
    void everyServerCheckRefusesWhatTheBundleRefuses() throws Exception {
        NamingTrustManager manager = new NamingTrustManager(trusting(other)); // a bundle that refuses the chain
        X509Certificate[] chain = {given};

        assertThatThrownBy(() -> manager.checkServerTrusted(chain, "RSA")).isInstanceOf(CertificateException.class);
        assertThatThrownBy(() -> manager.checkServerTrusted(chain, "RSA", (Socket) null))
                .isInstanceOf(CertificateException.class);
        assertThatThrownBy(() -> manager.checkServerTrusted(chain, "RSA", (SSLEngine) null))
                .isInstanceOf(CertificateException.class);
        assertThatThrownBy(() -> manager.checkClientTrusted(chain, "RSA")).isInstanceOf(CertificateException.class);
        assertThatThrownBy(() -> manager.checkClientTrusted(chain, "RSA", (Socket) null))
                .isInstanceOf(CertificateException.class);
        assertThatThrownBy(() -> manager.checkClientTrusted(chain, "RSA", (SSLEngine) null))
                .isInstanceOf(CertificateException.class);
    }
}
