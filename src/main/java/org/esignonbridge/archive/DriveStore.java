package org.esignonbridge.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.FileContent;
import com.google.api.client.http.HttpResponseException;
import com.google.api.services.drive.Drive;
import com.google.api.services.drive.model.File;
import org.apache.camel.CamelContext;
import org.apache.camel.Message;
import org.apache.camel.component.google.drive.GoogleDriveComponent;
import org.esignonbridge.delivery.ArchivedFileOpener;
import org.esignonbridge.delivery.DeliveryFailures;
import org.esignonbridge.delivery.UndeliverableException;
import org.esignonbridge.sheets.Installation;
import org.springframework.context.annotation.Conditional;
import org.springframework.stereotype.Component;

/**
 * The google-drive store's steps around the route's google-drive endpoint. Drive allows two files
 * of the same name, so a file is known by its {@code appProperties} (installation, export, kind,
 * sha256): an attempt first looks for the file with those properties in its month's folder and
 * uploads only when there is none, so that a retry after a crash or a lost answer never uploads it
 * twice. Files go to {@code <folder-id>/yyyy/MM/<wfuid>-contract.pdf}; the year and month folders
 * are created when missing (when two instances race, both use the oldest). Every call carries
 * {@code supportsAllDrives}: the folder may be in a shared drive.
 */
@Component("driveStore")
@Conditional(ArchiveDriveConfiguration.OnDriveStore.class)
public class DriveStore implements ArchivedFileOpener {

    static final String FOLDER = "application/vnd.google-apps.folder";
    static final String INSTALLATION = "esignonInstallation";
    static final String EXPORT = "esignonExport";
    static final String KIND = "esignonKind";
    static final String SHA256 = "sha256";
    /** The header camel-google-drive takes the upload's content from. */
    static final String MEDIA_CONTENT = "CamelGoogleDrive.mediaContent";
    private static final String LINK = "https://drive.google.com/file/d/";
    private static final String FILE_FIELDS = "id,name,parents,createdTime,size,sha256Checksum,md5Checksum,appProperties";

    private final CamelContext camel;
    private final Installation installation;
    private final ArchiveProperties.Drive settings;

    public DriveStore(CamelContext camel, Installation installation, ArchiveProperties properties) {
        this.camel = camel;
        this.installation = installation;
        this.settings = properties.drive();
    }

    /** The client of the route's google-drive endpoint (one per component, built by {@link ArchiveDriveConfiguration}). */
    private Drive drive() {
        GoogleDriveComponent component = camel.getComponent("google-drive", GoogleDriveComponent.class);
        return component.getClient(component.getConfiguration());
    }

    /** {@code <wfuid>-contract.pdf}, with the archive's escaping of the document id. */
    public static String nameOf(ArchiveFile file) {
        return ArchiveLayout.folderName(file.wfuid()) + "-" + file.fileName();
    }

    /**
     * Makes the message the upload of the fetched file (its metadata as body, the temporary file as
     * media content) in its month's folder; sets {@link S3Store#ALREADY_STORED} with the file as body when
     * an earlier attempt uploaded it already, and refuses when that file holds different bytes.
     */
    public void prepare(FetchedPdf pdf, Message message) throws IOException, UndeliverableException {
        String folder = monthFolder(pdf.file());
        File existing = find(pdf.file(), folder);
        if (existing != null) {
            check(existing, pdf, true);
            message.setHeader(S3Store.ALREADY_STORED, true);
            message.setBody(existing);
            return;
        }
        message.setHeader(S3Store.ALREADY_STORED, false);
        message.setHeader(MEDIA_CONTENT, new FileContent("application/pdf", pdf.part().toFile()));
        message.setBody(new File().setName(nameOf(pdf.file())).setMimeType("application/pdf").setParents(List.of(folder))
                .setAppProperties(properties(pdf)));
    }

    /** The file is in Drive: its checksum is compared with what was downloaded; returns the archive's record of it. */
    public ArchivedPdf stored(FetchedPdf pdf, File file) throws IOException, UndeliverableException {
        File stored = drive().files().get(file.getId()).setSupportsAllDrives(true).setFields(FILE_FIELDS).execute();
        check(stored, pdf, false);
        return pdf.archivedAt(LINK + stored.getId() + "/view");
    }

    /** Google refused a call: what it said, for {@link ArchiveAdvice}. */
    public void refused(Exception exception) throws DriveRefusedException {
        HttpResponseException google = DeliveryFailures.cause(exception, HttpResponseException.class);
        String reason = "";
        String message = google.getStatusMessage();
        if (google instanceof GoogleJsonResponseException json && json.getDetails() != null) {
            message = json.getDetails().getMessage();
            if (json.getDetails().getErrors() != null && !json.getDetails().getErrors().isEmpty()
                    && json.getDetails().getErrors().get(0).getReason() != null) {
                reason = json.getDetails().getErrors().get(0).getReason();
            }
        }
        throw new DriveRefusedException(google.getStatusCode(), reason,
                ("Google Drive answered " + google.getStatusCode() + " " + (reason.isEmpty() ? "" : reason + ": ")
                        + (message == null ? "" : message)).replaceAll("\\s+", " ").trim(),
                DeliveryFailures.retryAfter(google.getHeaders() == null ? null : google.getHeaders().getRetryAfter()));
    }

    @Override
    public boolean opens(String location) {
        return location.startsWith(LINK);
    }

    /** A document-archived subscriber's body: the file's bytes, streamed from Drive. */
    @Override
    public InputStream open(String location) {
        try {
            return drive().files().get(id(location)).setSupportsAllDrives(true).executeMediaAsInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Drive link ends with the file's id: its name is Drive's ({@code <wfuid>-contract.pdf}). */
    @Override
    public String fileName(String location) {
        try {
            return drive().files().get(id(location)).setSupportsAllDrives(true).setFields("name").execute().getName();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String id(String location) {
        return location.substring(LINK.length(), location.lastIndexOf('/'));
    }

    private Map<String, String> properties(FetchedPdf pdf) {
        return Map.of(INSTALLATION, installation.id(), EXPORT, String.valueOf(pdf.file().exportId()),
                KIND, pdf.file().kind(), SHA256, pdf.sha256());
    }

    /** The file an earlier attempt uploaded (the oldest, should there be several), or null. */
    private File find(ArchiveFile file, String folder) throws IOException {
        String q = "'" + quoted(folder) + "' in parents and trashed = false"
                + has(INSTALLATION, installation.id()) + has(EXPORT, String.valueOf(file.exportId())) + has(KIND, file.kind());
        return oldest(list(q));
    }

    private static String has(String key, String value) {
        return " and appProperties has { key='" + quoted(key) + "' and value='" + quoted(value) + "' }";
    }

    /** Drive's checksum of the file against the downloaded one: SHA-256, else MD5 (computed from the temporary file). */
    private void check(File drive, FetchedPdf pdf, boolean earlier) throws IOException, UndeliverableException {
        String link = LINK + drive.getId() + "/view";
        boolean same;
        if (drive.getSha256Checksum() != null) {
            same = drive.getSha256Checksum().equalsIgnoreCase(pdf.sha256());
        } else if (drive.getMd5Checksum() != null) {
            same = drive.getMd5Checksum().equalsIgnoreCase(md5Of(pdf));
        } else {
            throw new IOException("Google Drive gave no checksum for " + link + " yet");
        }
        if (!same && earlier) {
            throw new ArchiveConflictException("a different file is already archived as " + link + " (same export and kind):"
                    + " it is never replaced");
        }
        if (!same) {
            throw new UndeliverableException("Google Drive holds other bytes at " + link + " than were downloaded (SHA-256 "
                    + pdf.sha256() + "): delete that file in Drive, then replay");
        }
    }

    /** {@code <folder-id>/yyyy/MM}, found or created. */
    private String monthFolder(ArchiveFile file) throws IOException {
        String year = String.format("%04d", file.completedAt().getYear());
        String month = String.format("%02d", file.completedAt().getMonthValue());
        return folder(folder(settings.folderId(), year), month);
    }

    /**
     * The folder {@code name} in {@code parent}, created when missing. Two instances may both create it:
     * after creating, the folder is listed again and the oldest is used, by both. Looked up on every
     * attempt (one call), never remembered: a folder someone deleted or moved is created again.
     */
    private String folder(String parent, String name) throws IOException {
        String q = "'" + quoted(parent) + "' in parents and name = '" + quoted(name) + "' and mimeType = '" + FOLDER
                + "' and trashed = false";
        File found = oldest(list(q));
        if (found == null) {
            File created = drive().files().create(new File().setName(name).setMimeType(FOLDER).setParents(List.of(parent)))
                    .setSupportsAllDrives(true).setFields("id").execute();
            found = oldest(list(q));
            if (found == null) {
                found = created;
            }
        }
        return found.getId();
    }

    private List<File> list(String q) throws IOException {
        return drive().files().list().setQ(q).setSupportsAllDrives(true).setIncludeItemsFromAllDrives(true)
                .setCorpora("allDrives").setPageSize(100).setFields("files(" + FILE_FIELDS + ")").execute().getFiles();
    }

    private static File oldest(List<File> files) {
        if (files == null || files.isEmpty()) {
            return null;
        }
        return files.stream().min(Comparator.comparing((File f) -> f.getCreatedTime() == null ? Long.MAX_VALUE
                : f.getCreatedTime().getValue()).thenComparing(File::getId)).orElseThrow();
    }

    /** A value inside single quotes in Drive's query language. */
    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("'", "\\'");
    }

    private static String md5Of(FetchedPdf pdf) throws IOException {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            try (InputStream in = new DigestInputStream(Files.newInputStream(pdf.part()), md5)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(md5.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
