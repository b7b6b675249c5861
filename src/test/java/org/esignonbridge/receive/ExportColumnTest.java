package org.esignonbridge.receive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/** {@link ExportColumn} is the one list of an export's columns; the Kamelet's text names it and must keep up. */
class ExportColumnTest {

    @Test
    void theKameletNamesTheColumnsOfTheStoredExportASubscriberIsHanded() throws IOException {
        List<String> expected = new ArrayList<>(List.of("id"));
        Arrays.stream(ExportColumn.values())
                .filter(c -> c != ExportColumn.DEDUPE_KEY && c != ExportColumn.RAW_BODY)   // the engine leaves these out
                .forEach(c -> expected.add(c.column()));
        expected.add("params");

        Matcher listed = Pattern.compile("the stored export as a map:([^.]*)\\(").matcher(kameletText());

        assertThat(listed.find()).as("the Kamelet's description names the stored export's columns").isTrue();
        assertThat(Arrays.stream(listed.group(1).split(",")).map(name -> name.strip().replaceFirst("^and ", "")).toList())
                .isEqualTo(expected);
    }

    private static String kameletText() throws IOException {
        StringBuilder text = new StringBuilder();
        for (Resource kamelet : new PathMatchingResourcePatternResolver().getResources("classpath:kamelets/*.kamelet.yaml")) {
            text.append(kamelet.getContentAsString(StandardCharsets.UTF_8).replaceAll("\\s+", " "));
        }
        return text.toString();
    }
}
