package org.esignonbridge.kaoto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.esignonbridge.support.ProductProcess;
import org.esignonbridge.support.ProductTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/change-the-flows.md: every flow in Kaoto 2.7.1 (src/test/kaoto/kaoto.test.mjs, on the packaged
 * jar's validate-routes), then a subscriber route built in Kaoto's UI runs in the packaged product as
 * it is, from the operator's routes folder: a rejected contract reaches its log step. An integration
 * test, so that it runs beside the others (pom.xml's failsafe forks).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KaotoEditedRouteIT {

    static final Path KAOTO = Path.of("src/test/kaoto");
    /** Written by the Kaoto test. */
    static final Path SAVED_BY_KAOTO = Path.of("target/kaoto/routes/kaoto-new-subscriber.camel.yaml");
    static final String SECRET = "it-secret-kaoto-5e1";

    @TempDir
    Path folder;

    @Test
    @Order(1)
    void kaotoShowsEveryFlowAndSavesItAsItIs() throws Exception {
        Files.createDirectories(Path.of("target/kaoto"));
        // npm ci unless node_modules is what package-lock.json says (install.mjs), then the test
        npm(List.of("node", "install.mjs"), "npm-install");
        npm(List.of("npm", "test"), "npm-test");
    }

    private static void npm(List<String> command, String name) throws Exception {
        File log = Path.of("target/kaoto", name + ".log").toAbsolutePath().toFile();
        Process process = new ProcessBuilder(command).directory(KAOTO.toFile())
                .redirectErrorStream(true).redirectOutput(log).start();
        if (!process.waitFor(15, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(log.toPath());
        assertThat(process.exitValue()).as("%s (%s), its last lines:%n%s", String.join(" ", command), log,
                String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()))).isZero();
    }

    @Test
    @Order(2)
    void aRejectedContractReachesTheRouteMadeInKaoto() throws Exception {
        assertThat(SAVED_BY_KAOTO).as("the route Kaoto saved: run the Kaoto test first (mvn verify runs it)").isRegularFile();
        Files.createDirectories(folder.resolve("routes"));
        Files.copy(SAVED_BY_KAOTO, folder.resolve("routes/kaoto-new-subscriber.camel.yaml"));
        String reject = ProductTest.sample("03-reject.json");
        String wfuid = new ObjectMapper().readTree(reject).path("body").path("wfuid").asText();

        try (ProductProcess product = ProductProcess.packagedJar(folder).secret(SECRET).start()) {
            HttpResponse<String> answer = product.postExport(reject);
            assertThat(answer.statusCode()).as(product.log()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(product.log()).contains("Rejected in Kaoto: " + wfuid));
        }
    }
}
