package io.gatesync.worker.biotime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.boot.ssl.pem.PemContent;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import reactor.netty.http.client.HttpClient;

import io.gatesync.common.config.InvalidSettingException;
import io.gatesync.common.config.ZktecoProperties;
import io.gatesync.worker.biotime.NamingTrustManager.RefusedCertificateException;

/**
 * How the client trusts an https BioTime: the {@code biotime} SSL bundle (Spring Boot's), whose trust store is what
 * ZKTECO_CA_CERT gives (the site's CA or BioTime's own self-signed certificate, PEM), or the JVM's trust store when
 * it is empty. Host names are always verified. There is no setting that switches a check off, and no code that
 * accepts a certificate the bundle refuses (WorkerArchitectureTest). The push channels, the ADMS upload included,
 * all go through the one client, so they all trust the same.
 */
public final class BioTimeTls {

    /** The SSL bundle's name in Spring Boot's {@code SslBundles}. */
    public static final String BUNDLE = "biotime";

    private static final String SETTING = "ZKTECO_CA_CERT";
    private static final Logger log = LoggerFactory.getLogger(BioTimeTls.class);

    private BioTimeTls() {}

    /**
     * The bundle for ZKTECO_CA_CERT: a PEM file (or the PEM text itself, as a secret file gives it) whose certificates
     * BioTime's must chain to, or the JVM's trust store when it is empty. A value that is no readable PEM
     * certificate stops start-up with a line naming the variable.
     */
    public static SslBundle bundle(ZktecoProperties settings) {
        boolean https = "https".equals(settings.baseUrl().getScheme());
        if (settings.caCertificate().isEmpty()) {
            if (https) {
                log.info("BioTime's certificate must chain to the JVM's trust store ({} is empty)", SETTING);
            }
            return SslBundle.systemDefault();
        }
        String value = settings.caCertificate().get();
        String pem = PemContent.isPresentInText(value) ? value : read(value);
        List<X509Certificate> certificates = certificates(value, pem);
        if (https) {
            log.info(
                    "BioTime's certificate must chain to {}: {}",
                    SETTING,
                    certificates.stream()
                            .map(c -> "\"" + c.getSubjectX500Principal().getName() + "\" (until "
                                    + c.getNotAfter().toInstant() + ")")
                            .collect(Collectors.joining(", ")));
            certificates.stream()
                    .filter(c -> c.getNotAfter().toInstant().isBefore(Instant.now()))
                    .forEach(c -> log.warn(
                            "{} holds \"{}\", which expired on {}",
                            SETTING,
                            c.getSubjectX500Principal().getName(),
                            c.getNotAfter().toInstant()));
        } else {
            log.warn(
                    "{} is set, but ZKTECO_BASE_URL ({}) is not https: the certificate is not used",
                    SETTING,
                    settings.baseUrl());
        }
        return SslBundle.of(new PemSslStoreBundle(null, PemSslStoreDetails.forCertificate(pem)));
    }

    /** {@code http}, speaking TLS as the bundle says: its trust and key managers and options; host names verified. */
    static HttpClient secure(HttpClient http, SslBundle bundle) {
        SslManagerBundle managers = bundle.getManagers();
        SslOptions options = bundle.getOptions();
        SslContext context;
        try {
            context = SslContextBuilder.forClient()
                    .keyManager(managers.getKeyManagerFactory())
                    .trustManager(new NamingTrustManager(x509(managers.getTrustManagers())))
                    .endpointIdentificationAlgorithm("HTTPS")
                    .ciphers(SslOptions.asSet(options.getCiphers()))
                    .protocols(options.getEnabledProtocols())
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException("Cannot set up TLS for BioTime: " + e.getMessage(), e);
        }
        return http.secure(spec -> spec.sslContext(context));
    }

    /**
     * What an operator reads when BioTime's certificate was refused: which certificate, why, and the setting to
     * change. Short: it is a test-connection problem and a log line.
     */
    static String describe(RefusedCertificateException refused, ZktecoProperties settings) {
        X509Certificate certificate = refused.certificate();
        String subject = certificate == null
                ? "(none)"
                : "\"" + certificate.getSubjectX500Principal().getName() + "\"";
        String shown = "BioTime's certificate " + subject;
        String host = settings.baseUrl().getHost();
        if (refused.hostMismatch()) {
            return shown + " is not for " + host + " (it names " + names(certificate) + "): set ZKTECO_BASE_URL to "
                    + "a name the certificate holds, or give BioTime a certificate for " + host;
        }
        String validity = validity(certificate);
        String anchor = settings.caCertificate().isPresent()
                ? "does not chain to the certificate in " + SETTING
                : "does not chain to the JVM's trust store";
        String issuer = certificate == null
                        || certificate.getIssuerX500Principal().equals(certificate.getSubjectX500Principal())
                ? " (self-signed)"
                : ", issued by \"" + certificate.getIssuerX500Principal().getName() + "\",";
        return shown + issuer + " " + (validity != null ? validity : anchor) + ": set " + SETTING + " to a PEM file "
                + "of the site's CA or of this certificate";
    }

    private static String validity(X509Certificate certificate) {
        if (certificate == null) {
            return null;
        }
        try {
            certificate.checkValidity();
            return null;
        } catch (CertificateExpiredException e) {
            return "expired on " + certificate.getNotAfter().toInstant();
        } catch (CertificateNotYetValidException e) {
            return "is not valid before " + certificate.getNotBefore().toInstant();
        }
    }

    private static String names(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                alternatives.forEach(n -> names.add(String.valueOf(n.get(1))));
            }
        } catch (CertificateParsingException e) {
            // the subject below is still a name
        }
        return names.isEmpty() ? "no alternative names" : String.join(", ", names);
    }

    private static X509ExtendedTrustManager x509(TrustManager[] managers) {
        return Arrays.stream(managers)
                .filter(X509ExtendedTrustManager.class::isInstance)
                .map(X509ExtendedTrustManager.class::cast)
                .findFirst()
                .orElseThrow(
                        () -> new IllegalStateException("The " + BUNDLE + " SSL bundle has no X.509 trust manager"));
    }

    private static String read(String value) {
        Path path = Path.of(value.startsWith("file:") ? value.substring("file:".length()) : value);
        try {
            return Files.readString(path);
        } catch (IOException | RuntimeException e) {
            throw invalid(value, "cannot read the file (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static List<X509Certificate> certificates(String value, String pem) {
        List<X509Certificate> certificates;
        try {
            certificates = PemContent.of(pem).getCertificates();
        } catch (RuntimeException e) {
            throw invalid(value, "no PEM certificate in it (" + e.getMessage() + ")");
        }
        if (certificates == null || certificates.isEmpty()) {
            throw invalid(value, "no PEM certificate in it");
        }
        return certificates;
    }

    private static InvalidSettingException invalid(String value, String problem) {
        String shown = PemContent.isPresentInText(value) ? "(PEM text)" : value;
        return new InvalidSettingException(
                SETTING, shown + " (" + problem + ")", ZktecoProperties.ALLOWED.get("ca-cert"));
    }
}
