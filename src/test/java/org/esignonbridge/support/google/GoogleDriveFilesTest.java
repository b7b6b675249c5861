package org.esignonbridge.support.google;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.ByteArrayContent;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.drive.Drive;
import com.google.api.services.drive.DriveScopes;
import com.google.api.services.drive.model.File;
import com.google.api.services.sheets.v4.SheetsScopes;
import com.google.auth.http.HttpCredentialsAdapter;
import com.google.auth.oauth2.ServiceAccountCredentials;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Proves the Drive side of the emulator ({@link GoogleDriveFiles}) against the real Drive client: as strict as Google where the product relies on it. */
class GoogleDriveFilesTest {

    private static final String FOLDER = "1Folder";

    @TempDir
    static Path keys;
    static GoogleSheetsEmulator emulator;
    static Drive drive;
    static Path key;

    @BeforeAll
    static void start() throws IOException {
        emulator = GoogleSheetsEmulator.start();
        key = emulator.writeServiceAccountKey(keys);
        drive = client(DriveScopes.DRIVE);
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void fresh() {
        emulator.reset();
        emulator.drive().createSharedFolder(FOLDER, "Contracts");
    }

    private static Drive client(String scope) throws IOException {
        try (InputStream in = Files.newInputStream(key)) {
            return new Drive.Builder(new com.google.api.client.http.javanet.NetHttpTransport(), GsonFactory.getDefaultInstance(),
                    new HttpCredentialsAdapter(ServiceAccountCredentials.fromStream(in).createScoped(scope)))
                    .setRootUrl(emulator.rootUrl()).setApplicationName("test").build();
        }
    }

    @Test
    void aMultipartUploadIsKeptWithItsChecksumsAndFoundByItsProperties() throws IOException {
        Drive.Files.Create create = drive.files().create(new File().setName("a.pdf").setParents(List.of(FOLDER))
                        .setAppProperties(Map.of("k", "v'1")), new ByteArrayContent("application/pdf", "%PDF-1.7 x".getBytes(UTF_8)))
                .setFields("id,sha256Checksum,md5Checksum,size");
        create.getMediaHttpUploader().setDirectUploadEnabled(true);   // multipart, not resumable
        File file = create.execute();

        assertThat(file.getSize()).isEqualTo(10L);
        assertThat(emulator.drive().files()).filteredOn(f -> f.id().equals(file.getId()))
                .singleElement().satisfies(f -> assertThat(new String(f.bytes(), UTF_8)).isEqualTo("%PDF-1.7 x"));
        assertThat(file.getSha256Checksum()).isEqualTo(emulator.drive().files().get(1).sha256());
        List<File> found = drive.files().list().setQ("'" + FOLDER + "' in parents and appProperties has { key='k' and value='v\\'1' }"
                + " and trashed = false").setFields("files(id,appProperties)").execute().getFiles();
        assertThat(found).extracting(File::getId).containsExactly(file.getId());
        assertThat(drive.files().list().setQ("appProperties has { key='k' and value='other' }").execute().getFiles()).isEmpty();
    }

    @Test
    void aQueryGoogleCouldNotParseIsA400() {
        GoogleJsonResponseException refused = catchThrowableOfType(GoogleJsonResponseException.class,
                () -> drive.files().list().setQ("name contains 'a'").execute());

        assertThat(refused.getStatusCode()).isEqualTo(400);
        assertThat(catchThrowableOfType(GoogleJsonResponseException.class,
                () -> drive.files().list().setQ("appProperties has { key='k' value='v' }").execute()).getStatusCode()).isEqualTo(400);
    }

    @Test
    void aSharedDrivesItemsNeedSupportsAllDrives() throws IOException {
        emulator.drive().createSharedDrive("0ASharedDrive", "Team");

        GoogleJsonResponseException notFound = catchThrowableOfType(GoogleJsonResponseException.class,
                () -> drive.files().create(new File().setName("2026").setMimeType(GoogleDriveFiles.FOLDER)
                        .setParents(List.of("0ASharedDrive"))).execute());
        assertThat(notFound.getStatusCode()).isEqualTo(404);
        assertThat(notFound.getDetails().getErrors().get(0).getReason()).isEqualTo("notFound");

        File folder = drive.files().create(new File().setName("2026").setMimeType(GoogleDriveFiles.FOLDER)
                .setParents(List.of("0ASharedDrive"))).setSupportsAllDrives(true).execute();
        assertThat(drive.files().list().setQ("'0ASharedDrive' in parents").execute().getFiles()).isEmpty();
        assertThat(drive.files().list().setQ("'0ASharedDrive' in parents").setSupportsAllDrives(true)
                .setIncludeItemsFromAllDrives(true).setCorpora("allDrives").execute().getFiles())
                .extracting(File::getId).containsExactly(folder.getId());
    }

    @Test
    void aTokenWithoutTheDriveScopeIsRefused() throws IOException {
        GoogleJsonResponseException refused = catchThrowableOfType(GoogleJsonResponseException.class,
                () -> client(SheetsScopes.SPREADSHEETS).files().list().execute());

        assertThat(refused.getStatusCode()).isEqualTo(403);
        assertThat(refused.getDetails().getErrors().get(0).getReason()).isEqualTo("insufficientPermissions");
    }
}
