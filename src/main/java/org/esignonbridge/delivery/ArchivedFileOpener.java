package org.esignonbridge.delivery;

/** Opens an archived file that is not on this machine's disk (the s3 and google-drive stores), as a document-archived subscriber's body. */
public interface ArchivedFileOpener {

    /** Whether the location ({@code archive_file.stored_path}) is this store's. */
    boolean opens(String location);

    /** The file's bytes, streamed. */
    java.io.InputStream open(String location);

    /** The file's name ({@code <wfuid>-contract.pdf}) when its location does not end with it; null: taken from the location. */
    default String fileName(String location) {
        return null;
    }
}
