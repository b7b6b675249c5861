package org.esignonbridge.receive;

import java.io.IOException;
import java.io.InputStream;

import org.apache.camel.Body;
import org.springframework.stereotype.Component;

/** Reads the raw bytes of an export body, refusing bodies over {@code esignon.export.max-body-bytes}. */
@Component("exportBodyReader")
public class ExportBodyReader {

    private final long maxBytes;

    public ExportBodyReader(ExportProperties properties) {
        this.maxBytes = properties.maxBodyBytes().toBytes();
    }

    public byte[] read(@Body InputStream body) throws IOException {
        if (body == null) {
            return new byte[0];
        }
        byte[] bytes = body.readNBytes(Math.toIntExact(maxBytes + 1));
        if (bytes.length > maxBytes) {
            throw new ExportTooLargeException(maxBytes);
        }
        return bytes;
    }
}
