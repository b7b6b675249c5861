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
import org.esignonbridge.support.ProductTest;
import org.junit.jupiter.api.Test;

class DuplicateExportTest extends ProductTest {

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

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
