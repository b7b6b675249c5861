package org.esignonbridge.delivery;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

/**
 * An archived file in a store (S3, Drive), fetched when first read: a subscriber that needs only where
 * the file is (the sheet's document links) downloads nothing. No library stream opens lazily.
 */
final class OpenOnRead extends InputStream {

    private final Supplier<InputStream> opener;
    private InputStream in;
    private boolean closed;

    OpenOnRead(Supplier<InputStream> opener) {
        this.opener = opener;
    }

    private InputStream in() throws IOException {
        if (closed) {
            throw new IOException("closed");
        }
        if (in == null) {
            in = opener.get();
        }
        return in;
    }

    @Override
    public int read() throws IOException {
        return in().read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        return in().read(b, off, len);
    }

    @Override
    public int available() throws IOException {
        return in == null ? 0 : in.available();
    }

    @Override
    public void close() throws IOException {
        closed = true;
        if (in != null) {
            in.close();
        }
    }
}
