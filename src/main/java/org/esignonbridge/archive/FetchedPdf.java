package org.esignonbridge.archive;

import java.nio.file.Path;

/** A downloaded PDF in its temporary file, with its size and the SHA-256 computed on the way. */
public record FetchedPdf(ArchiveFile file, Path part, long size, String sha256, String contentType) {

    /** The record of this file once the store holds it at {@code location} (a path, or an object's s3:// URI). */
    public ArchivedPdf archivedAt(String location) {
        return new ArchivedPdf(location, size, sha256, contentType);
    }
}
