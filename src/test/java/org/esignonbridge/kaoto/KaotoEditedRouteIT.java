package org.esignonbridge.kaoto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.esignonbridge.support.ProductProcess;
import org.esignonbridge.support.ProductTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/change-the-flows.md: a subscriber route built in Kaoto's UI (src/test/kaoto/kaoto.test.mjs,
 * which runs before the integration tests and writes what Kaoto saved) runs in the packaged product
 * as it is, from the operator's routes folder: a rejected contract reaches its log step.
 */
class KaotoEditedRouteIT {

    /** Written by the Kaoto test (npm test in src/test/kaoto, the pre-integration-test phase). */
    static final Path SAVED_BY_KAOTO = Path.of("target/kaoto/routes/kaoto-new-subscriber.camel.yaml");
    static final String SECRET = "it-secret-kaoto-5e1";

    @TempDir
    Path folder;

    @Test
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
