package org.esignonbridge.receive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.esignonbridge.support.ProductTest;
import org.junit.jupiter.api.Test;

/**
 * Bad input in bulk: generated bodies from a fixed seed (replay one with {@code -Dfuzz.seed}), every
 * Content-Type, with and without the secret. No answer is a 5xx, every authenticated body answered
 * 400 is kept in esignon_rejected_export, and the heap is back where it was afterwards. The suite
 * sends 2,000 bodies; {@code -Dfuzz.bodies=10000} runs the full pass (docs/testing.md).
 */
class FuzzTest extends ProductTest {

    private static final long SEED = Long.getLong("fuzz.seed", 20261129L);
    private static final int BODIES = Integer.getInteger("fuzz.bodies", 2000);
    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8",
            "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=----x", "application/xml",
            "application/octet-stream", "a/b; charset=EUC-KR", "");
    private static final String[] KINDS = {"random bytes", "truncated", "mutated", "deep nesting", "huge string", "NULs",
        "wrong type", "duplicate key", "invalid UTF-8", "odd param names", "header authorization", "EUC-KR", "multipart"};

    @Test
    void generatedBadBodiesNeverGetA5xxAndEveryAuthenticatedRejectIsKept() {
        Random random = new Random(SEED);
        List<String> samples = SAMPLES.stream().map(ProductTest::sample).toList();
        long heapBefore = usedHeapAfterGc();
        int rejected = 0;
        for (int i = 0; i < BODIES; i++) {
            String kind = KINDS[random.nextInt(KINDS.length)];
            byte[] body = generate(kind, samples.get(random.nextInt(samples.size())), random);
            String contentType = CONTENT_TYPES.get(random.nextInt(CONTENT_TYPES.size()));
            int who = random.nextInt(20);   // 0: no secret, 1: a wrong one, else the secret
            List<String> headers = new ArrayList<>();
            if (who > 0) {
                headers.addAll(List.of("authorization", who == 1 ? SECRET + "x" : SECRET));
            }
            if (!contentType.isEmpty()) {
                headers.addAll(List.of("Content-Type", contentType));
            }

            HttpResponse<String> response;
            try {
                response = postExport(body, headers.toArray(String[]::new));
            } catch (UncheckedIOException closedEarly) {
                // answered (401, or 413 over the 1 MB default) before the body was read, and the connection
                // closed: a client still sending may see that as a broken pipe instead of the answer
                assertThat(who <= 1 || body.length > 1_000_000).as("body %d (%s, seed %d): %s", i, kind, SEED, closedEarly).isTrue();
                continue;
            }

            assertThat(response.statusCode()).as("body %d (%s, seed %d): %s", i, kind, SEED, response.body()).isLessThan(500);
            if (who > 1 && response.statusCode() == 400) {
                rejected++;
            }
        }

        assertThat(count("esignon_rejected_export")).isEqualTo(rejected);
        assertThat(send(HttpRequest.newBuilder(managementUri("/actuator/health")).build()).statusCode()).isEqualTo(200);
        assertThat(usedHeapAfterGc() - heapBefore).as("heap growth in bytes").isLessThan(64L * 1024 * 1024);
    }

    private static byte[] generate(String kind, String sample, Random random) {
        byte[] utf8 = sample.getBytes(StandardCharsets.UTF_8);
        return switch (kind) {
            case "random bytes" -> {
                byte[] bytes = new byte[random.nextInt(2000)];
                random.nextBytes(bytes);
                yield bytes;
            }
            case "truncated" -> java.util.Arrays.copyOf(utf8, random.nextInt(utf8.length));
            case "mutated" -> {
                byte[] bytes = utf8.clone();
                for (int n = 1 + random.nextInt(10); n > 0; n--) {
                    bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
                }
                yield bytes;
            }
            case "deep nesting" -> {
                int depth = 900 + random.nextInt(6000);
                String open = random.nextBoolean() ? "[" : "{\"a\":";
                String close = open.equals("[") ? "]" : "}";
                yield ("{\"header\":{\"api_name\":\"export\"},\"body\":" + open.repeat(depth) + "1" + close.repeat(depth) + "}")
                        .getBytes(StandardCharsets.UTF_8);
            }
            case "huge string" -> replaceValue(sample, "opinion",
                    "\"" + (random.nextBoolean() ? "x" : "가").repeat(random.nextInt(400_000)) + "\"");
            case "NULs" -> random.nextBoolean()
                    ? replaceValue(sample, pickField(random), "\"a\\u0000b\"")
                    : insert(utf8, random.nextInt(utf8.length), new byte[] {0});
            case "wrong type" -> replaceValue(sample, pickField(random),
                    List.of("1", "-1.5e300", "true", "null", "[]", "{\"x\":[1]}", "\"\"", "12345678901234567890123").get(random.nextInt(8)));
            case "duplicate key" -> replaceValue(sample, "wfuid", "\"x\", \"wfuid\": \"y\"");
            case "invalid UTF-8" -> random.nextBoolean()
                    ? insert(utf8, random.nextInt(utf8.length), new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF})
                    : replaceValue(sample, "opinion", "\"\\ud800 lone\"");
            case "odd param names" -> replaceValue(sample, "status", "\"Complete\", "
                    + List.of("\"\": \"empty\"", "\"emp \": \"1\", \"emp\": \"2\"", "\"" + "p".repeat(201) + "\": 1",
                            "\"👍\": \"emoji\"", "\"\\u0000\": \"nul\"", "\" \": \"space\"").get(random.nextInt(6)));
            case "header authorization" -> sample.replace("\"api_name\": \"export\"",
                    "\"api_name\": \"export\", \"Authorization\": " + (random.nextBoolean() ? "\"" + SECRET + "\"" : "[1, {\"a\": 2}]"))
                    .getBytes(StandardCharsets.UTF_8);
            case "EUC-KR" -> sample.getBytes(Charset.forName("EUC-KR"));
            default -> ("------x\r\nContent-Disposition: form-data; name=\"export\"\r\n\r\n" + sample + "\r\n------x--\r\n")
                    .getBytes(StandardCharsets.UTF_8);
        };
    }

    private static String pickField(Random random) {
        return List.of("wfuid", "worktype", "status", "workdatetime", "opinion", "useremail", "processid").get(random.nextInt(7));
    }

    /** The sample with the value of a body field replaced (the field added when it is missing). */
    private static byte[] replaceValue(String sample, String field, String json) {
        String replaced = sample.replaceFirst("\"" + field + "\": (\"[^\"]*\"|[^,}\\s]+)",
                java.util.regex.Matcher.quoteReplacement("\"" + field + "\": " + json));
        if (replaced.equals(sample)) {
            replaced = sample.replace("\"wfuid\":", "\"" + field + "\": " + json + ", \"wfuid\":");
        }
        return replaced.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] insert(byte[] bytes, int at, byte[] inserted) {
        byte[] result = new byte[bytes.length + inserted.length];
        System.arraycopy(bytes, 0, result, 0, at);
        System.arraycopy(inserted, 0, result, at, inserted.length);
        System.arraycopy(bytes, at, result, at + inserted.length, bytes.length - at);
        return result;
    }

    private static long usedHeapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
