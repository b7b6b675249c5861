package org.esignonbridge.receive;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A spooled file is made durable, bytes and rename, before the export is answered "spooled". */
class ExportSpoolTest {

    private final ExportSpool spool = new ExportSpool(null, null);

    @Test
    void aFileRenamedIntoTheSpoolIsSyncedWithItsFolder(@TempDir Path folder) throws Exception {
        Path written = Files.writeString(folder.resolve(".writing-1.export"), "{}");
        Path spooled = Files.move(written, folder.resolve("1.export"));

        assertThatCode(() -> spool.sync(spooled.toString())).doesNotThrowAnyException();
        assertThatCode(() -> ExportSpool.syncFolder(folder)).doesNotThrowAnyException();
    }

    @Test
    void aFileThatIsNotThereFailsSoTheExportIsNotAnsweredSpooled(@TempDir Path folder) {
        assertThatThrownBy(() -> spool.sync(folder.resolve("gone.export").toString())).isInstanceOf(NoSuchFileException.class);
        assertThatThrownBy(() -> ExportSpool.syncFolder(folder.resolve("no-such-folder"))).isInstanceOf(NoSuchFileException.class);
    }
}
