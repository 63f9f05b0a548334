package io.gatesync.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Gates and scripts keep their HTTP/1.1 connection open, and may send the next request before the previous answer
 * is complete (pipelining). Every request must be answered. Reactor Netty 1.3.6 and 1.3.7 stopped reading such a
 * connection when a queued request was answered at once (reactor/reactor-netty#4361): the next request on it hung
 * until the client gave up (seen here as SecurityRoutesTest requests never answered in 30 s).
 */
class KeepAliveTest {

    private static TestApi api;
    private static int port;

    @BeforeAll
    static void start() {
        api = TestApi.start();
        port = Integer.parseInt(api.context.getEnvironment().getProperty("local.server.port"));
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    private static String get(String path, boolean signedIn) {
        String auth = signedIn
                ? "Authorization: Basic "
                        + Base64.getEncoder()
                                .encodeToString(
                                        (TestApi.ADMIN + ":" + TestApi.PASSWORD).getBytes(StandardCharsets.UTF_8))
                        + "\r\n"
                : "";
        return "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: application/json\r\n" + auth + "\r\n";
    }

    @Test
    void aRequestSentBeforeTheLastAnswerEndedIsAnsweredAndSoIsTheNextOne() throws IOException {
        // the first answer takes a trip off the event loop (a password check), the second is written at once
        // (no credentials: 401), the third comes after both answers were read: all on one connection, many times
        for (int round = 0; round < 20; round++) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(10_000); // far beyond an answer's time: only a connection nobody reads hits it
                OutputStream out = socket.getOutputStream();
                InputStream in = new BufferedInputStream(socket.getInputStream());
                out.write((get("/api/people", true) + get("/api/people", false)).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                List<Integer> statuses = new ArrayList<>(List.of(readStatus(in), readStatus(in)));
                out.write(get("/api/entry-logs", false).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                statuses.add(readStatus(in));
                assertThat(statuses).as("round %d", round).containsExactly(200, 401, 401);
            } catch (SocketTimeoutException e) {
                throw new AssertionError(
                        "round " + round + ": a request on a kept-alive connection was never " + "answered", e);
            }
        }
    }

    /** Reads one whole response (Content-Length or chunked) and answers its status. */
    private static int readStatus(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        long length = 0;
        boolean chunked = false;
        for (String header = line(in); !header.isEmpty(); header = line(in)) {
            String lower = header.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-length:")) {
                length = Long.parseLong(lower.substring(15).trim());
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            for (long size = Long.parseLong(line(in).trim(), 16);
                    size > 0;
                    size = Long.parseLong(line(in).trim(), 16)) {
                in.readNBytes((int) size);
                line(in);
            }
            line(in); // the empty line after the last chunk
        } else {
            in.readNBytes((int) length);
        }
        return status;
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed mid-response");
            }
            if (b != '\r') {
                bytes.write(b);
            }
        }
        return bytes.toString(StandardCharsets.US_ASCII);
    }
}
