package org.esignonbridge.archive;

/** A file now in the archive: at a path of the filesystem store, or an object's {@code s3://bucket/key}. */
public record ArchivedPdf(String location, long size, String sha256, String contentType) {
}
