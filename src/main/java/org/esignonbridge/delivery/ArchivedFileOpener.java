package org.esignonbridge.delivery;

/** Opens an archived file that is not on this machine's disk (the s3 store), as a document-archived subscriber's body. */
public interface ArchivedFileOpener {

    /** Whether the location ({@code archive_file.stored_path}) is this store's. */
    boolean opens(String location);

    /** The file's bytes, streamed. */
    java.io.InputStream open(String location);
}
