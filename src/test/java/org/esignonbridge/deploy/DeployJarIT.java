package org.esignonbridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.esignonbridge.support.PackagedJar;
import org.esignonbridge.support.ProductTest;
import org.esignonbridge.support.TestDatabaseServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * docs/deploy.md: the packaged jar, started from a folder that holds neither routes/ nor
 * application.yaml, on a fresh PostgreSQL database created with that page's own statements, is
 * healthy and stores a posted export, answering as the README's first curl shows.
 */
class DeployJarIT {

    static final String SECRET = "it-secret-4b1d9c";
    static final String PASSWORD = "db-password-7";

    @TempDir
    Path folder;

    SingleConnectionDataSource admin;
    String database;
    String databaseUrl;

    @BeforeEach
    void createTheDatabaseAndItsOwner() {
        // the server and database of the run (pom.xml: postgresql.url, or TestDatabaseServer's embedded one)
        Matcher testDatabase = Pattern.compile("(jdbc:postgresql://[^/]+/)(\\w+).*").matcher(System.getProperty(TestDatabaseServer.URL));
        assertThat(testDatabase.matches()).as("a PostgreSQL test.database.url").isTrue();
        admin = new SingleConnectionDataSource(testDatabase.group(), System.getProperty(TestDatabaseServer.USERNAME), "", true);
        database = testDatabase.group(2) + "_deploy_it";   // beside the run's own database, never it
        databaseUrl = testDatabase.group(1) + database;
        dropTheDatabaseAndItsOwner();
        JdbcTemplate admin = new JdbcTemplate(this.admin);
        List<String> statements = readmePostgresqlStatements();
        assertThat(statements).hasSize(2);
        for (String statement : statements) {
            admin.execute(statement.replace("esignon", database).replace("a-long-random-password", PASSWORD));
        }
    }

    /** The statements of docs/deploy.md, "PostgreSQL": {@code sudo -u postgres psql -c "..."}. */
    static List<String> readmePostgresqlStatements() {
        try {
            Matcher psql = Pattern.compile("sudo -u postgres psql -c \"([^\"]+)\"").matcher(Files.readString(Path.of("docs/deploy.md")));
            return psql.results().map(match -> match.group(1)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void dropTheDatabaseAndItsOwner() {
        JdbcTemplate admin = new JdbcTemplate(this.admin);
        admin.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        admin.execute("DROP ROLE IF EXISTS " + database);
    }

    @Test
    void theJarStartedFromAnotherFolderStoresAnExportInAFreshPostgresqlDatabase() throws Exception {
        assertThat(Files.list(folder)).isEmpty();

        try (PackagedJar product = PackagedJar.start(folder, Map.of(
                "DATABASE_URL", databaseUrl,
                "DATABASE_USERNAME", database,
                "DATABASE_PASSWORD", PASSWORD,
                "ESIGNON_EXPORT_AUTHORIZATION", SECRET))) {

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(product.managementUri("/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).as(product.log()).isEqualTo(200);

            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(product.uri("/esignon/export"))
                    .header("authorization", SECRET)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(ProductTest.sample("03-reject.json"), StandardCharsets.UTF_8))
                    .build(), HttpResponse.BodyHandlers.ofString());

            assertThat(answer.statusCode()).as(product.log()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("{\"accepted\":true,\"id\":1,\"passed\":true,\"duplicate\":false}");   // as the README shows
        }

        SingleConnectionDataSource owner = new SingleConnectionDataSource(databaseUrl, database, PASSWORD, true);
        Map<String, Object> row = new JdbcTemplate(owner).queryForMap("SELECT wfuid, worktype, status FROM esignon_export");
        owner.destroy();
        assertThat(row).containsEntry("wfuid", "20261103-000911").containsEntry("worktype", "RT").containsEntry("status", "Canceled");
        assertThat(folder.resolve("routes")).doesNotExist();
    }
}
