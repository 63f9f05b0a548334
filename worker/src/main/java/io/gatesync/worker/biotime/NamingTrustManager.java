package io.gatesync.worker.biotime;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The {@code biotime} SSL bundle's own trust manager, and nothing else deciding: every check is the bundle's, and
 * whatever it refuses stays refused. It only adds to a refusal the certificate BioTime showed, which the JDK's
 * message does not name ("unable to find valid certification path"), so the error can tell an operator which
 * certificate to give in ZKTECO_CA_CERT. Netty's own {@code EnhancingX509ExtendedTrustManager} does the same for host
 * name mismatches. It never returns where the bundle's manager threw (NamingTrustManagerTest).
 */
final class NamingTrustManager extends X509ExtendedTrustManager {

    /** A refusal of BioTime's certificate, with the certificate. The bundle's own refusal is its cause. */
    static final class RefusedCertificateException extends CertificateException {

        private final transient X509Certificate certificate;

        RefusedCertificateException(X509Certificate certificate, CertificateException refusal) {
            super(refusal.getMessage(), refusal);
            this.certificate = certificate;
        }

        /** The certificate BioTime presented first (its own), or null if it presented none. */
        X509Certificate certificate() {
            return certificate;
        }

        /** The chain may be fine, but the certificate does not name the host GateSync connected to. */
        boolean hostMismatch() {
            String message = String.valueOf(getMessage());
            return message.startsWith("No subject alternative") || message.startsWith("No name matching");
        }
    }

    private final X509ExtendedTrustManager bundle;

    NamingTrustManager(X509ExtendedTrustManager bundle) {
        this.bundle = bundle;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        naming(chain, () -> bundle.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        naming(chain, () -> bundle.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        naming(chain, () -> bundle.checkServerTrusted(chain, authType));
    }

    /** One of the bundle's checks. */
    private interface Check {
        void run() throws CertificateException;
    }

    /** Runs the bundle's check; a refusal is thrown again naming the certificate, never swallowed. */
    private static void naming(X509Certificate[] chain, Check check) throws CertificateException {
        try {
            check.run();
        } catch (CertificateException refused) {
            throw named(chain, refused);
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        bundle.checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        bundle.checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        bundle.checkClientTrusted(chain, authType);
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return bundle.getAcceptedIssuers();
    }

    private static CertificateException named(X509Certificate[] chain, CertificateException refused) {
        return new RefusedCertificateException(chain == null || chain.length == 0 ? null : chain[0], refused);
    }
}
