package org.esignonbridge.receive;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import org.esignonbridge.support.OnEveryDatabase;
import org.esignonbridge.support.ProductTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@OnEveryDatabase
class DuplicateExportTest extends ProductTest {

    @Autowired
    MeterRegistry registry;

    @Test
    void theSameExportDeliveredTwiceIsStoredOnce() {
        JsonNode first = json(postExport(sample("02-approve-complete.json")));
        HttpResponse<String> again = postExport(sample("02-approve-complete.json"));

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("duplicate").asBoolean()).isTrue();
        assertThat(json(again).get("id").asLong()).isEqualTo(first.get("id").asLong());
        assertThat(json(again).get("passed").asBoolean()).isTrue();
        assertThat(count("esignon_export")).isOne();
        assertThat(count("esignon_export_param")).isEqualTo(2);
    }

    @Test
    void aReformattedRepeatIsStillTheSameExport() {
        postExport(sample("02-approve-complete.json"));
        String reformatted = sample("02-approve-complete.json").replace("\n", "").replace("  ", "")
                .replace("\"processid\": \"2\"", "\"processid\": 2");

        assertThat(json(postExport(reformatted)).get("duplicate").asBoolean()).isTrue();
        assertThat(count("esignon_export")).isOne();
    }

    @Test
    void anotherStepOfTheSameDocumentIsNotADuplicate() {
        postExport(sample("01-approve-playing.json"));
        HttpResponse<String> next = postExport(sample("02-approve-complete.json"));

        assertThat(json(next).get("duplicate").asBoolean()).isFalse();
        assertThat(count("esignon_export")).isEqualTo(2);
    }

    @Test
    void identicalExportsArrivingAtTheSameInstantGiveOneRow() throws Exception {
        int senders = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            List<CompletableFuture<HttpResponse<String>>> responses = IntStream.range(0, senders)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                        awaitQuietly(start);
                        return postExport(sample("05-embed-complete.json"));
                    }, pool))
                    .toList();
            start.countDown();

            List<JsonNode> answers = responses.stream().map(CompletableFuture::join)
                    .peek(response -> assertThat(response.statusCode()).isEqualTo(200))
                    .map(ProductTest::json).toList();

            assertThat(count("esignon_export")).isOne();
            assertThat(answers).filteredOn(answer -> !answer.get("duplicate").asBoolean()).hasSize(1);
            assertThat(answers).extracting(answer -> answer.get("id").asLong()).containsOnly(answers.get(0).get("id").asLong());
            assertThat(count("esignon_export_param")).isOne();
        } finally {
            pool.shutdownNow();
        }
    }

    /** Exports arriving together are written together (one transaction); a repeat among them changes nothing. */
    @Test
    void aBurstOfExportsWithRepeatsAmongThemStoresEachOnceWithItsParamsAndDeliveries() throws Exception {
        JsonNode alone = json(postExport(sample("05-embed-complete.json")));
        long deliveriesPerExport = jdbc.queryForObject("SELECT COUNT(*) FROM delivery WHERE export_id = ?", Long.class,
                alone.get("id").asLong());
        assertThat(deliveriesPerExport).as("archive and hand-off subscribe to a completed embed export").isPositive();

        int distinct = 30;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(distinct * 2);
        try {
            // every export twice, at the same instant
            List<CompletableFuture<JsonNode>> answers = IntStream.range(0, distinct * 2)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                        awaitQuietly(start);
                        HttpResponse<String> answer = postExport(sample("05-embed-complete.json")
                                .replace("\"actionid\": \"", "\"actionid\": \"burst-" + (i % distinct) + "-"));
                        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                        return json(answer);
                    }, pool))
                    .toList();
            start.countDown();

            List<JsonNode> all = answers.stream().map(CompletableFuture::join).toList();
            for (int i = 0; i < distinct; i++) {
                JsonNode one = all.get(i);
                JsonNode other = all.get(i + distinct);
                assertThat(one.get("id").asLong()).isEqualTo(other.get("id").asLong());
                assertThat(one.get("duplicate").asBoolean()).isNotEqualTo(other.get("duplicate").asBoolean());
            }
            assertThat(count("esignon_export")).isEqualTo(distinct + 1);
            assertThat(count("esignon_export_param")).isEqualTo(distinct + 1);
            assertThat(jdbc.queryForList("SELECT COUNT(*) FROM delivery GROUP BY export_id", Long.class))
                    .hasSize(distinct + 1).containsOnly(deliveriesPerExport);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Group commit: exports arriving together share a transaction, and each caller gets its own export's answer. */
    @Test
    void exportsArrivingTogetherAreStoredTogetherEachAnsweredWithItsOwnRow() {
        int senders = 60;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            List<CompletableFuture<JsonNode>> answers = IntStream.range(0, senders)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                        awaitQuietly(start);
                        // every third one is excluded by the worktype filter: stored, and queued for no subscriber
                        String body = sample("02-approve-complete.json").replace("\"actionid\": \"2\"", "\"actionid\": \"together-" + i + "\"");
                        return json(postExport(i % 3 == 0 ? body.replace("\"worktype\": \"CF\"", "\"worktype\": \"XX\"") : body));
                    }, pool))
                    .toList();
            start.countDown();

            for (int i = 0; i < senders; i++) {
                JsonNode answer = answers.get(i).join();
                long id = answer.get("id").asLong();
                assertThat(exportRow(id).get("actionid")).isEqualTo("together-" + i);
                assertThat(answer.get("duplicate").asBoolean()).isFalse();
                assertThat(answer.get("passed").asBoolean()).isEqualTo(i % 3 != 0);
                assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM delivery WHERE export_id = ?", Long.class, id) > 0)
                        .as("queued for the archive: %s", answer).isEqualTo(i % 3 != 0);
            }
            assertThat(count("esignon_export")).isEqualTo(senders);
            assertThat(registry.get("esignon.exports.stored.together").summary().max())
                    .as("some exports shared a transaction").isGreaterThan(1);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
