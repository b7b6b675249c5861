package org.esignonbridge.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The archive's names: distinct for distinct document ids, whatever an export sends. */
class ArchiveLayoutTest {

    private static final String ALPHABET = "aAzZ09._-~/\\:*?\"<>| %\u0000\n\r\u2028\u001b\uac00\ud800\udc00\u00e9";

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "20261104-002310 | 20261104-002310",
        "a_b-c14cddc0    | a_b-c14cddc0",
        "a/b             | a~2Fb",
        "'..'            | ~2E.",
        "'.'             | ~2E",
        ".hidden         | ~2Ehidden",
        "../../etc/x     | ~2E.~2F..~2Fetc~2Fx",
        "a~2Fb           | a~7E2Fb",
        "계약             | ~uACC4~uC57D",
    })
    void anIdKeepsWhatIsSafeAndEscapesTheRest(String wfuid, String name) {
        assertThat(ArchiveLayout.folderName(wfuid)).isEqualTo(name);
    }

    @Test
    void theIdsOfTheReportedCollisionGetDifferentNames() {
        assertThat(ArchiveLayout.folderName("a/b")).isNotEqualTo(ArchiveLayout.folderName("a_b-" + sha256("a/b").substring(0, 8)));
    }

    @Test
    void aLongOrEmptyIdIsNamedByItsFullHash() {
        String longId = "x".repeat(ArchiveLayout.MAX_NAME + 1);
        assertThat(ArchiveLayout.folderName(longId)).isEqualTo("~sha256-" + HexFormat.of().formatHex(
                digest(longId.getBytes(StandardCharsets.UTF_16BE))));
        assertThat(ArchiveLayout.folderName("x".repeat(ArchiveLayout.MAX_NAME))).isEqualTo("x".repeat(ArchiveLayout.MAX_NAME));
        assertThat(ArchiveLayout.folderName("")).startsWith("~sha256-");
        assertThat(ArchiveLayout.folderName("\ud800")).isNotEqualTo(ArchiveLayout.folderName("\ud801"));
    }

    /**
     * Property: for random ids (and ids built from another id's name, the way the reported collision
     * was built), distinct ids have distinct names, and every name is one safe path segment.
     */
    @Test
    void distinctIdsNeverShareAName() {
        Random random = new Random(20261207);
        Map<String, String> idByName = new HashMap<>();
        for (int i = 0; i < 200_000; i++) {
            String id = randomId(random);
            if (i % 3 == 0) {
                String other = ArchiveLayout.folderName(randomId(random));
                id = random.nextBoolean() ? other : other + "-" + sha256(id).substring(0, 8);
            }
            String name = ArchiveLayout.folderName(id);
            String earlier = idByName.putIfAbsent(name, id);
            assertThat(earlier).as("name %s", name).isIn(null, id);
            assertThat(name).matches("[A-Za-z0-9._~-]{1,100}").isNotIn(".", "..").doesNotStartWith(".");
            if (!name.startsWith("~sha256-")) {
                assertThat(unescape(name)).isEqualTo(id);
            }
        }
    }

    private static String randomId(Random random) {
        int length = random.nextInt(random.nextInt(10) == 0 ? 120 : 12);
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < length; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    /** The inverse of the escaping: that it exists is what makes names distinct. */
    private static String unescape(String name) {
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < name.length(); ) {
            if (name.charAt(i) != '~') {
                id.append(name.charAt(i++));
            } else if (name.charAt(i + 1) == 'u') {
                id.append((char) Integer.parseInt(name.substring(i + 2, i + 6), 16));
                i += 6;
            } else {
                id.append((char) Integer.parseInt(name.substring(i + 1, i + 3), 16));
                i += 3;
            }
        }
        return id.toString();
    }

    private static String sha256(String value) {
        return HexFormat.of().formatHex(digest(value.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] digest(byte[] value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
