package org.esignonbridge.receive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.esignonbridge.support.OnEveryDatabase;
import org.esignonbridge.support.ProductProcess;
import org.esignonbridge.support.ProductTest;
import org.esignonbridge.support.TcpProxy;
import org.esignonbridge.support.TestDatabase;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The database goes away as it does in production (a TCP proxy cuts the live connections in the
 * middle of what they carry), exports keep arriving, and the product is killed with kill -9 while
 * they wait in the spool. After the next start every one of them is stored, once, in order.
 */
@OnEveryDatabase
class SpoolCrashTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EXPORTS = 12;

    private Server h2;
    private String databaseUrl;
    private String username;
    private JdbcTemplate jdbc;
    private TcpProxy proxy;
    private Path spool;

    @BeforeEach
    void startDatabaseBehindAProxy() throws Exception {
        databaseUrl = System.getProperty("test.database.url");
        username = System.getProperty("test.database.username", "sa");
        if (databaseUrl == null) { // the H2 run: an H2 server, so that the product reaches it over TCP
            h2 = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
            databaseUrl = "jdbc:h2:tcp://127.0.0.1:" + h2.getPort() + "/mem:spool-crash;DB_CLOSE_DELAY=-1";
        }
        String[] hostPort = databaseUrl.replaceFirst("^[^/]*//", "").replaceFirst("[/;].*$", "").split(":");
        proxy = new TcpProxy(hostPort[0], Integer.parseInt(hostPort[1]));
        jdbc = new JdbcTemplate(new DriverManagerDataSource(databaseUrl, username, ""));
        spool = Files.createTempDirectory("spool");
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        if (h2 != null) {
            h2.stop();
        }
    }

    @Test
    void exportsSpooledWhileTheDatabaseIsCutSurviveAKillAndAreStoredOnceInOrder() throws Exception {
        List<HttpResponse<String>> answers = new ArrayList<>();
        try (ProductProcess first = start()) {
            TestDatabase.empty(jdbc);
            for (int i = 0; i < EXPORTS; i++) {
                if (i == 4) {
                    proxy.cut(); // the pool's open connections break; new ones are refused
                }
                answers.add(first.postExport(export(i)));
            }
            first.kill();
            assertThat(answers).allSatisfy(answer -> assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200));
            assertThat(spooled()).hasSize(EXPORTS - 4);
        }
        proxy.restore();

        try (ProductProcess second = start()) {
            await().atMost(Duration.ofMinutes(1)).until(() -> spooled().isEmpty());
            List<String> stored = jdbc.queryForList("SELECT wfuid FROM esignon_export ORDER BY id", String.class);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < EXPORTS; i++) {
                expected.add("crash-" + (100 + i));
            }
            assertThat(stored).containsExactlyElementsOf(expected);
            for (int i = 4; i < EXPORTS; i++) {
                JsonNode answer = JSON.readTree(answers.get(i).body());
                assertThat(answer.get("spooled").asBoolean()).isTrue();
            }
        }
    }

    private ProductProcess start() {
        return ProductProcess.fromClasspath().jvm("-Xmx256m").args(
                "--spring.datasource.url=" + proxy.through(databaseUrl),
                "--spring.datasource.username=" + username,
                "--spring.datasource.hikari.connection-timeout=1000",
                "--esignon.spool.directory=" + spool,
                "--esignon.spool.retry-interval=500ms").start();
    }

    private static String export(int i) {
        return ProductTest.sample("02-approve-complete.json").replace("20261102-000173", "crash-" + (100 + i));
    }

    private List<Path> spooled() throws IOException {
        try (Stream<Path> files = Files.list(spool)) {
            return files.filter(f -> f.toString().endsWith(".export")).toList();
        }
    }
}
