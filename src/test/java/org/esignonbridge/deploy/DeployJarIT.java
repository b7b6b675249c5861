package org.esignonbridge.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.esignonbridge.support.OwnDatabase;
import org.esignonbridge.support.ProductProcess;
import org.esignonbridge.support.ProductTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    OwnDatabase database;

    @BeforeEach
    void createTheDatabaseAndItsOwner() {
        database = OwnDatabase.beside("deploy_it");
        List<String> statements = readmePostgresqlStatements();
        assertThat(statements).hasSize(2);
        for (String statement : statements) {
            database.execute(statement.replace("esignon", database.name()).replace("a-long-random-password", PASSWORD));
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
        database.close();
    }

    @Test
    void theJarStartedFromAnotherFolderStoresAnExportInAFreshPostgresqlDatabase() throws Exception {
        assertThat(Files.list(folder)).isEmpty();

        try (ProductProcess product = ProductProcess.packagedJar(folder).secret(SECRET).env(Map.of(
                "DATABASE_URL", database.url(),
                "DATABASE_USERNAME", database.name(),
                "DATABASE_PASSWORD", PASSWORD)).start()) {

            assertThat(product.getManagement("/actuator/health").statusCode()).as(product.log()).isEqualTo(200);

            HttpResponse<String> answer = product.postExport(ProductTest.sample("03-reject.json"));

            assertThat(answer.statusCode()).as(product.log()).isEqualTo(200);
            assertThat(answer.body()).isEqualTo("{\"accepted\":true,\"id\":1,\"passed\":true,\"duplicate\":false}");   // as the README shows
        }

        Map<String, Object> row = database.query(database.name(), PASSWORD, owner -> owner.queryForMap("SELECT wfuid, worktype, status FROM esignon_export"));
        assertThat(row).containsEntry("wfuid", "20261103-000911").containsEntry("worktype", "RT").containsEntry("status", "Canceled");
        assertThat(folder.resolve("routes")).doesNotExist();
    }
}
