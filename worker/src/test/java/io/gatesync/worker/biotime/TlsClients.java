package io.gatesync.worker.biotime;

import java.security.cert.X509Certificate;
import javax.net.ssl.SSLException;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import reactor.netty.http.client.HttpClient;

/** The tests' own HTTPS calls to the simulator. */
public final class TlsClients {

    private TlsClients() {}

    /** A connector that trusts this certificate only (host names verified). */
    public static ReactorClientHttpConnector trusting(X509Certificate certificate) {
        try {
            SslContext context =
                    SslContextBuilder.forClient().trustManager(certificate).build();
            return new ReactorClientHttpConnector(HttpClient.create().secure(spec -> spec.sslContext(context)));
        } catch (SSLException e) {
            throw new IllegalStateException(e);
        }
    }
}
