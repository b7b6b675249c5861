package org.esignonbridge.receive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.esignonbridge.support.ProductTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Callers that send slowly cannot keep real exports waiting. */
@TestPropertySource(properties = {"esignon.export.body-timeout=2s", "server.tomcat.threads.max=8", "spring.task.execution.pool.core-size=4", "spring.task.execution.pool.max-size=4"})
class SlowCallerTest extends ProductTest {

    @Test
    void callersWithoutTheSecretAreAnswered401BeforeTheirBodyArrivesAndHoldNoThread() throws Exception {
        List<Socket> stalled = new ArrayList<>();
        try {
            for (int i = 0; i < 12; i++) {
                stalled.add(startPost("authorization: wrong\r\n", 100_000));
            }
            long started = System.nanoTime();
            HttpResponse<String> real = postExport(sample("02-approve-complete.json"));

            assertThat(real.statusCode()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
            for (Socket socket : stalled) {
                assertThat(statusLine(socket)).isEqualTo("HTTP/1.1 401 ");
            }
        } finally {
            for (Socket socket : stalled) {
                socket.close();
            }
        }
    }

    @Test
    void aBodyTricklingInSlowerThanTheDeadlineIsAnswered408() throws Exception {
        try (Socket socket = startPost("authorization: " + SECRET + "\r\n", 1000)) {
            OutputStream out = socket.getOutputStream();
            long started = System.nanoTime();
            try {
                for (int i = 0; i < 20; i++) {
                    out.write('{');
                    out.flush();
                    Thread.sleep(300); // the attacker's pace, not a wait for the product
                }
            } catch (IOException cutOff) {
                // the product answered and closed the connection
            }

            assertThat(statusLine(socket)).isEqualTo("HTTP/1.1 408 ");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        }
        assertThat(count("esignon_rejected_export")).isZero();
    }

    private Socket startPost(String headers, int contentLength) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(("POST /esignon/export HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + headers + "Content-Length: " + contentLength + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    private static String statusLine(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b >= 0 && b != '\r'; b = in.read()) {
            line.append((char) b);
        }
        return line.toString();
    }
}
