package org.esignonbridge.sheets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.esignonbridge.support.SheetTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.ClassMode;

/** docs/google.md, "What failures look like in the log": the line a missing key file gives, as quoted there. */
@ExtendWith(OutputCaptureExtension.class)
@DirtiesContext(classMode = ClassMode.BEFORE_CLASS)   // a product that has not read its key yet: not one another class used
class SheetKeyFileMissingTest extends SheetTest {

    @Value("${esignon.sheets.credentials-file}")
    Path key;

    byte[] keyFile;

    @AfterEach
    void putTheKeyBack() throws Exception {
        Files.write(key, keyFile);   // for the classes that share this product after this one
    }

    @Test
    void aMissingKeyFileIsNamedInTheLogAndRowsWait(CapturedOutput log) throws Exception {
        keyFile = Files.readAllBytes(key);
        Files.delete(key);   // before the first call to Google: the key is read on first use

        assertThat(postExport(sample("03-reject.json")).statusCode()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> log.getOut().contains("Subscriber sheet: event "));
        assertThat(log.getOut()).contains(key + " does not exist")
                .contains("Check esignon.sheets.credentials-file: the key file cannot be read.");
        assertThat(deliveries("sheet", "pending")).isOne();
    }
}
