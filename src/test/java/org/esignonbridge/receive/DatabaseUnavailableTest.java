package org.esignonbridge.receive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.esignonbridge.support.DatabaseOutage;
import org.esignonbridge.support.OnEveryDatabase;
import org.esignonbridge.support.ProductTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/** While the database is unreachable exports wait in the spool on disk, and are stored once it is back. */
@OnEveryDatabase
@Import(DatabaseOutage.class)
class DatabaseUnavailableTest extends ProductTest {

    @Autowired
    DatabaseOutage outage;

    @AfterEach
    void restore() throws IOException {
        outage.restore();
        if (Files.isRegularFile(SPOOL)) {
            Files.delete(SPOOL);
        }
        Files.createDirectories(SPOOL);
    }

    @Test
    void exportsArrivingWhileTheDatabaseIsDownAreSpooledAndStoredOnceInOrderWhenItIsBack() throws IOException {
        outage.down();
        HttpResponse<String> first = postExport(sample("01-approve-playing.json"));
        HttpResponse<String> second = postExport(sample("02-approve-complete.json"));
        HttpResponse<String> repeat = postExport(sample("02-approve-complete.json"));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(json(first).get("spooled").asBoolean()).isTrue();
        assertThat(json(second).get("spooled").asBoolean()).isTrue();
        assertThat(repeat.statusCode()).isEqualTo(200);
        assertThat(spooled()).hasSize(3);

        outage.restore();

        await().atMost(Duration.ofSeconds(30)).until(() -> spooled().isEmpty());
        assertThat(jdbc.queryForList("SELECT status FROM esignon_export ORDER BY id", String.class))
                .containsExactly("Playing", "Complete");
        assertThat(count("esignon_export_param")).isPositive();
    }

    @Test
    void aConnectionLostMidTransactionLeavesNoHalfWrittenExportAndTheSpoolStoresItWhole() {
        outage.failStatementsContaining("esignon_export_param");

        HttpResponse<String> response = postExport(sample("02-approve-complete.json"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(json(response).get("spooled").asBoolean()).isTrue();
        assertThat(count("esignon_export")).isZero();
        outage.restore();
        await().atMost(Duration.ofSeconds(30)).until(() -> count("esignon_export") == 1);
        assertThat(count("esignon_export_param")).isEqualTo(2);
    }

    /** Exports arriving together are written together: a group broken mid-transaction is spooled whole, every one of it. */
    @Test
    void aBurstCutOffMidTransactionIsSpooledWholeAndStoredOnceItIsBack() {
        outage.failStatementsContaining("esignon_export_param");
        int senders = 40;
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            List<CompletableFuture<HttpResponse<String>>> answers = IntStream.range(0, senders)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> postExport(sample("02-approve-complete.json")
                            .replace("\"actionid\": \"", "\"actionid\": \"burst-" + i + "-")), pool))
                    .toList();
            for (CompletableFuture<HttpResponse<String>> answer : answers) {
                assertThat(answer.join().statusCode()).as(answer.join().body()).isEqualTo(200);
                assertThat(json(answer.join()).get("spooled").asBoolean()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(count("esignon_export")).isZero();

        outage.restore();

        await().atMost(Duration.ofSeconds(60)).until(() -> count("esignon_export") == senders);
        assertThat(count("esignon_export_param")).isEqualTo(2L * senders);
    }

    @Test
    void aMalformedBodyArrivingWhileTheDatabaseIsDownIsKeptAsRejectedOnceItIsBack() {
        outage.down();
        HttpResponse<String> response = postExport("{not json");
        outage.restore();

        assertThat(response.statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> count("esignon_rejected_export") == 1);
        assertThat(rejectedText()).isEqualTo("{not json");
        assertThat(jdbc.queryForObject("SELECT content_type FROM esignon_rejected_export", String.class))
                .isEqualTo("application/json; charset=utf-8");
    }

    @Test
    void whenTheSpoolCannotTakeTheExportEitherTheAnswerIs503WithRetryAfter() throws IOException {
        // a spool that cannot be written (a full disk, a read-only mount): here a file where the folder should be
        try (Stream<Path> files = Files.walk(SPOOL)) {
            for (Path path : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
        Files.writeString(SPOOL, "not a folder");
        outage.down();

        HttpResponse<String> response = postExport(sample("02-approve-complete.json"));

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(json(response).get("error").asText()).isEqualTo("unavailable");
    }

    private static java.util.List<Path> spooled() throws IOException {
        try (Stream<Path> files = Files.list(SPOOL)) {
            return files.filter(f -> f.toString().endsWith(".export")).toList();
        }
    }
}
