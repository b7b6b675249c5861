package org.esignonbridge.archive;

import java.nio.file.Path;

/** A file now in the archive. */
public record ArchivedPdf(Path path, long size, String sha256, String contentType) {
}
