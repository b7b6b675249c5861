package org.esignonbridge.sheets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.esignonbridge.support.SheetTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** docs/google.md, "What failures look like in the log": the line a missing key file gives, as quoted there. */
@ExtendWith(OutputCaptureExtension.class)
class SheetKeyFileMissingTest extends SheetTest {

    @Value("${esignon.sheets.credentials-file}")
    Path key;

    @Test
    void aMissingKeyFileIsNamedInTheLogAndRowsWait(CapturedOutput log) throws Exception {
        Files.delete(key);   // before the first call to Google: the key is read on first use

        assertThat(postExport(sample("03-reject.json")).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> log.getOut().contains("Subscriber sheet: item "));
        assertThat(log.getOut()).contains(key + " does not exist")
                .contains("Check esignon.sheets.credentials-file: the key file cannot be read.");
        assertThat(deliveries("sheet", "pending")).isOne();
    }
}
