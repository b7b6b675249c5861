package org.esignonbridge.receive;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Header;
import org.apache.camel.Variable;
import org.springframework.stereotype.Component;

/**
 * What a spooled export's file holds: the body as it came (secret redacted), its Content-Type and
 * when it arrived, so that storing it later gives the row it would have given at once.
 */
@Component("exportSpool")
public class ExportSpool {

    private static final DateTimeFormatter NAME_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private final ObjectMapper json = new ObjectMapper();
    private final AtomicLong sequence = new AtomicLong();
    private final ExportParser parser;
    private final SpoolProperties properties;

    public ExportSpool(ExportParser parser, SpoolProperties properties) {
        this.parser = parser;
        this.properties = properties;
    }

    public byte[] envelope(@Variable("raw_export") byte[] body, @Variable("content_type") String contentType) throws IOException {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("received_at", parser.now().toString());
        file.put("content_type", contentType);
        file.put("body", Base64.getEncoder().encodeToString(body == null ? new byte[0] : body));
        return json.writeValueAsBytes(file);
    }

    /** The body to store; {@code received_at} and {@code content_type} become variables, as at arrival. */
    public byte[] unwrap(@Body byte[] file, Exchange exchange) throws IOException {
        JsonNode node = json.readTree(file);
        exchange.setVariable("received_at", LocalDateTime.parse(node.get("received_at").asText()));
        exchange.setVariable("content_type", node.get("content_type").isNull() ? null : node.get("content_type").asText());
        return Base64.getDecoder().decode(node.get("body").asText());
    }

    /**
     * A file name that sorts in arrival order: the UTC time, then a counter for exports arriving in
     * the same millisecond.
     */
    public String nextName() {
        return NAME_TIME.format(parser.now()) + "-" + String.format("%09d", sequence.incrementAndGet() % 1_000_000_000) + ".export";
    }

    /**
     * Makes a spooled file durable before the export is answered "spooled": its bytes, then its
     * folder, so that the rename into place survives a power cut (a rename is an update of the
     * folder, which only an fsync of the folder itself writes out).
     */
    public void sync(@Header(Exchange.FILE_NAME_PRODUCED) String file) throws IOException {
        Path spooled = Path.of(file);
        try (FileChannel channel = FileChannel.open(spooled, StandardOpenOption.READ)) {
            channel.force(true);
        }
        syncFolder(spooled.toAbsolutePath().getParent());
    }

    /** Linux and macOS open a folder for reading and fsync it; Windows cannot open one, and its renames are durable once done. */
    static void syncFolder(Path folder) throws IOException {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (AccessDeniedException windows) {
            // nothing to do on Windows (see above)
        }
    }

    /** How long to wait before the next try after the database failed. */
    public long retryMillis() {
        return properties.retryInterval().toMillis();
    }
}
