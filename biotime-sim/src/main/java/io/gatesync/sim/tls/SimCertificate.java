package io.gatesync.sim.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundleKey;
import org.springframework.boot.ssl.SslStoreBundle;

/**
 * A self-signed certificate and its key, made by the running JDK's own {@code keytool} (Java 17 has no public API
 * to issue a certificate, and the simulator needs no library for it): EC P-256, valid 30 days, its subject the first
 * name and its subject alternative names all of them (host names and IP addresses), as a site's self-signed BioTime
 * certificate would be.
 */
public final class SimCertificate {

    static final String ALIAS = "biotime-sim";

    private final KeyStore keyStore;
    private final String password;
    private final X509Certificate certificate;
    private final Path pemFile;

    private SimCertificate(KeyStore keyStore, String password, X509Certificate certificate, Path pemFile) {
        this.keyStore = keyStore;
        this.password = password;
        this.certificate = certificate;
        this.pemFile = pemFile;
    }

    /**
     * A new certificate for {@code names} (at least one), its PEM written to {@code pemFile} (a new temporary file if
     * null).
     */
    public static SimCertificate generate(List<String> names, Path pemFile) {
        if (names == null || names.isEmpty()) {
            throw new IllegalArgumentException("sim.tls-names: at least one host name or IP address");
        }
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        Path dir = null;
        try {
            dir = Files.createTempDirectory("biotime-sim-tls-");
            Path store = dir.resolve("sim.p12");
            keytool(List.of(
                    "-genkeypair",
                    "-alias",
                    ALIAS,
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-sigalg",
                    "SHA256withECDSA",
                    "-validity",
                    "30",
                    "-dname",
                    "CN=" + names.get(0) + ", O=GateSync BioTime simulator",
                    "-ext",
                    "SAN=" + names.stream().map(SimCertificate::san).collect(Collectors.joining(",")),
                    "-keystore",
                    store.toString(),
                    "-storetype",
                    "PKCS12",
                    "-storepass",
                    password,
                    "-keypass",
                    password));
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keyStore.load(in, password.toCharArray());
            }
            X509Certificate certificate = (X509Certificate) keyStore.getCertificate(ALIAS);
            Path target = pemFile != null ? pemFile : Files.createTempFile("biotime-sim-", ".pem");
            if (target.getParent() != null) {
                Files.createDirectories(target.getParent());
            }
            Files.writeString(target, pem(certificate), StandardCharsets.US_ASCII);
            if (pemFile == null) {
                target.toFile().deleteOnExit();
            }
            return new SimCertificate(keyStore, password, certificate, target);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(
                    "Cannot make the simulator's certificate for " + names + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(dir);
        }
    }

    /** The certificate, PEM-encoded, as ZKTECO_CA_CERT reads it. */
    public static String pem(X509Certificate certificate) {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** Where the certificate's PEM was written: give it to GateSync as ZKTECO_CA_CERT. */
    public Path pemFile() {
        return pemFile;
    }

    /** The server's bundle: this key and certificate. */
    SslBundle bundle() {
        return SslBundle.of(SslStoreBundle.of(keyStore, password, null), SslBundleKey.of(password, ALIAS));
    }

    private static String san(String name) {
        return (name.matches("[0-9.]+") || name.contains(":") ? "ip:" : "dns:") + name;
    }

    private static void keytool(List<String> args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool ran", e);
        } finally {
            process.destroy();
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind holds nothing secret enough to matter for a simulator
        }
    }
}
