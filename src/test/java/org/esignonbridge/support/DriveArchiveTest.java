package org.esignonbridge.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.esignonbridge.support.google.GoogleDriveFiles;
import org.esignonbridge.support.google.GoogleSheetsEmulator;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The product archiving to a Google Drive folder shared with the service account, through the real
 * Drive client and the real service-account token exchange, played by the Google emulator the sheet
 * tests use ({@link SheetTest#GOOGLE}: one for the run). The sheet stays off: the Drive store uses the
 * sheet's key file all the same. Each test starts with Drive empty but for the shared folder.
 */
public abstract class DriveArchiveTest extends ArchiveTest {

    public static final String FOLDER = "1ContractsFolder0SharedWithTheBridge";
    protected static final GoogleSheetsEmulator GOOGLE = SheetTest.GOOGLE;
    protected static final GoogleDriveFiles DRIVE = GOOGLE.drive();

    @DynamicPropertySource
    static void drive(DynamicPropertyRegistry registry) throws IOException {
        Path key = GOOGLE.writeServiceAccountKey(Files.createTempDirectory("google-key"));
        registry.add("esignon.archive.store", () -> "google-drive");
        registry.add("esignon.archive.drive.folder-id", () -> FOLDER);
        registry.add("esignon.archive.drive.root-url", GOOGLE::rootUrl);
        registry.add("esignon.archive.drive.read-timeout", () -> "5s");
        registry.add("esignon.sheets.credentials-file", key::toString);
    }

    @BeforeEach
    void emptyDrive() {
        GOOGLE.reset();
        DRIVE.createSharedFolder(FOLDER, "Signed contracts");
    }

    /** The files at {@code yyyy/MM/<name>} under the folder (the samples' contracts were completed in November 2026). */
    protected static java.util.List<GoogleDriveFiles.DriveFile> filesAt(String name) {
        return DRIVE.filesAt(FOLDER, "2026/11/" + name);
    }
}
