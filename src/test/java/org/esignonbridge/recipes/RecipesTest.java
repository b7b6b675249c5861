package org.esignonbridge.recipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.spi.ComponentCustomizer;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.esignonbridge.support.ArchiveTest;
import org.esignonbridge.support.DocumentServer;
import org.esignonbridge.support.SheetTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.FileSystemResource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every recipe of docs/recipes.md, loaded as it is documented (route files from docs/recipes, the
 * setting merged from its file), with its effect shown on a real endpoint.
 */
class RecipesTest extends SheetTest {

    static final Path HR = directory("hr");
    static final Path BACKUP = directory("backup");
    static final List<String> CHAT = new CopyOnWriteArrayList<>();
    static final String CHAT_KEY_PASSWORD = "chat-webhook-test-key";
    /** The chat's certificate, self-signed for 127.0.0.1 (the webhook is https, as chats' are). */
    static final Path CHAT_KEYS = certificate();
    static final HttpsServer CHAT_SERVER = chat();

    @DynamicPropertySource
    static void recipes(DynamicPropertyRegistry registry) {
        registry.add("camel.main.routes-include-pattern", () -> "file:routes/*.yaml,file:docs/recipes/*.camel.yaml");
        registry.add("hr.handover.directory", HR::toString);
        registry.add("backup.directory", BACKUP::toString);
        registry.add("chat.webhook-host", () -> "127.0.0.1:" + CHAT_SERVER.getAddress().getPort());
        registry.add("chat.webhook-path", () -> "/hook");
        registry.add("esignon.sheets.columns", () -> setting("docs/recipes/add-param-column.yaml", "esignon.sheets.columns"));
        registry.add("esignon.archive.directory", ArchiveTest.ARCHIVE::toString);
        registry.add("esignon.archive.allowed-hosts", () -> "127.0.0.1");
        registry.add("esignon.archive.allow-insecure-loopback", () -> "true");

    }

    /** Camel's https component trusts the chat's certificate, as a company's would its chat's CA. */
    @TestConfiguration
    static class ChatCertificateTrusted {
        @Bean
        ComponentCustomizer chatCertificateTrusted() {
            KeyStoreParameters store = new KeyStoreParameters();
            store.setResource(CHAT_KEYS.toUri().toString());
            store.setPassword(CHAT_KEY_PASSWORD);
            TrustManagersParameters trust = new TrustManagersParameters();
            trust.setKeyStore(store);
            SSLContextParameters tls = new SSLContextParameters();
            tls.setTrustManagers(trust);
            return ComponentCustomizer.builder(HttpComponent.class).build(http -> http.setSslContextParameters(tls));
        }
    }

    @BeforeEach
    void subscribersReady() {
        CHAT.clear();
        GOOGLE.createSpreadsheet(SPREADSHEET, TAB, "Completed");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM subscriber WHERE name IN"
                + " ('hr-contracts', 'post-rejections-to-chat', 'completed-tab', 'pdf-backup')", Long.class)).isEqualTo(4);
    }

    @Test
    void keepOnlyCertainRequestCodes() throws Exception {
        postExport(sample("03-reject.json"));
        postExport(sample("01-approve-playing.json"));

        Path handover = HR.resolve("hr-contracts.jsonl");
        await().atMost(Duration.ofSeconds(20)).until(() -> Files.exists(handover) && !Files.readString(handover).isBlank());
        await().atMost(Duration.ofSeconds(20)).until(() -> delivered("hr-contracts") == 2);

        List<String> lines = Files.readAllLines(handover);
        assertThat(lines).hasSize(1);
        JsonNode line = JSON.readTree(lines.get(0));
        assertThat(line.get("wfuid").asText()).isEqualTo("20261102-000173");
        assertThat(line.get("employee_no").asText()).isEqualTo("E-10442");
    }

    @Test
    void postRejectedContractsWithTheOpinionToAChatWebhook() throws Exception {
        postExport(sample("01-approve-playing.json"));
        postExport(sample("03-reject.json").replace("수정 후", "\\\"수정\\\" 후"));

        await().atMost(Duration.ofSeconds(20)).until(() -> CHAT.size() == 1);

        assertThat(JSON.readTree(CHAT.get(0)).get("text").asText()).isEqualTo(
                "Contract 20261103-000911 (LEASE-7781) was rejected by minsu.park@example.com:"
                        + " 보증금 금액이 다릅니다. \"수정\" 후 다시 보내주세요.");
    }

    @Test
    void writeCompletedContractsToASecondSheetTab() {
        long id = json(postExport(sample("02-approve-complete.json"))).get("id").asLong();
        postExport(sample("01-approve-playing.json"));

        await().atMost(Duration.ofSeconds(20)).until(() -> GOOGLE.rows(SPREADSHEET, "Completed").size() == 1);

        assertThat(GOOGLE.rows(SPREADSHEET, "Completed").get(0))
                .startsWith(String.valueOf(id), "20261102-000173").endsWith("01012345678");
    }

    @Test
    void addAParamAsANewSheetColumn() {
        postExport(sample("01-approve-playing.json"));

        await().atMost(Duration.ofSeconds(20)).until(() -> sheetRows().size() == 2);

        // the new column last, before the row_key the product always writes
        assertThat(sheetRows().get(0)).endsWith("employee_no", "row_key");
        assertThat(sheetRows().get(1).get(sheetRows().get(0).indexOf("employee_no"))).isEqualTo("E-10442");
    }

    @Test
    void sendTheArchivedPdfToAnotherEndpoint() throws Exception {
        ArchiveTest.DOCS.reset();
        postExport(sample("05-embed-complete.json")
                .replace("https://docs.esignon.net/download/pdf?doc=20261104-002310", ArchiveTest.DOCS.url("/pdf?doc=B"))
                .replace("https://docs.esignon.net/download/cert?doc=20261104-002310", ArchiveTest.DOCS.url("/cert?doc=B")));

        Path copy = BACKUP.resolve("20261104-002310-contract.pdf");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(copy)
                && Files.exists(BACKUP.resolve("20261104-002310-certificate.pdf")));

        assertThat(Files.readAllBytes(copy)).isEqualTo(DocumentServer.pdf("document", "B"));
    }

    private long delivered(String subscriber) {
        return deliveries(subscriber, "delivered");
    }

    private static String setting(String file, String name) {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new FileSystemResource(file));
        Properties properties = yaml.getObject();
        return properties.getProperty(name);
    }

    private static HttpsServer chat() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(KeyStore.getInstance(CHAT_KEYS.toFile(), CHAT_KEY_PASSWORD.toCharArray()), CHAT_KEY_PASSWORD.toCharArray());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keys.getKeyManagers(), null, null);
            HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            server.createContext("/hook", exchange -> {
                try (exchange) {
                    CHAT.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                    exchange.sendResponseHeaders(200, -1);
                }
            });
            server.start();
            return server;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path certificate() {
        try {
            Path keys = Files.createTempDirectory("chat").resolve("chat.p12");
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "chat", "-keyalg", "EC", "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1",
                    "-validity", "2", "-storetype", "PKCS12", "-keystore", keys.toString(), "-storepass", CHAT_KEY_PASSWORD)
                    .redirectErrorStream(true).start();
            String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (keytool.waitFor() != 0) {
                throw new IllegalStateException("keytool: " + output);
            }
            return keys;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path directory(String name) {
        try {
            return Files.createTempDirectory(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
