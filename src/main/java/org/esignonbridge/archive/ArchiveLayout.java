package org.esignonbridge.archive;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.stereotype.Component;

/**
 * Where an archived file goes: {@code <directory>/<yyyy>/<MM>/<name>/contract.pdf} (and
 * {@code certificate.pdf}), by the month the contract was completed; in the s3 store the same name
 * under the bucket's prefix is the object's key. The name comes from the document
 * id eSignon sent, which an export can forge, so two different ids never get the same name: letters,
 * digits, {@code .} (not first), {@code -} and {@code _} stay as they are; any other ASCII character
 * is written {@code ~XX} and any other character {@code ~uXXXX} (hex). That escaping can be undone, so
 * no two ids share a name, and none is {@code .} or {@code ..}. An id whose escaped name is longer than 100 characters (or empty)
 * is named {@code ~sha256-<hex of its UTF-16>} instead: {@code ~s} is never part of an escaped name.
 */
@Component
public class ArchiveLayout {

    static final int MAX_NAME = 100;
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final Path root;

    public ArchiveLayout(ArchiveProperties properties) {
        this.root = properties.directory().toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path pathOf(ArchiveFile file) {
        Path path = root.resolve(nameOf(file)).normalize();
        if (!path.startsWith(root)) {
            throw new IllegalStateException("archive path escapes the archive: " + path);
        }
        return path;
    }

    /** {@code yyyy/MM/<name>/contract.pdf}: the path under the folder, the key under the bucket's prefix. */
    public static String nameOf(ArchiveFile file) {
        return String.format("%04d/%02d/%s/%s", file.completedAt().getYear(), file.completedAt().getMonthValue(),
                folderName(file.wfuid()), file.fileName());
    }

    static String folderName(String wfuid) {
        StringBuilder name = new StringBuilder(wfuid.length());
        for (int i = 0; i < wfuid.length() && name.length() <= MAX_NAME; i++) {
            char c = wfuid.charAt(i);
            boolean kept = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || (c == '.' && i > 0);
            if (kept) {
                name.append(c);
            } else if (c < 0x80) {
                name.append('~').append(HEX.toHexDigits((byte) c));
            } else {
                name.append("~u").append(HEX.toHexDigits(c));   // per UTF-16 unit: a lone surrogate stays distinct too
            }
        }
        return name.isEmpty() || name.length() > MAX_NAME
                ? "~sha256-" + sha256(wfuid.getBytes(StandardCharsets.UTF_16BE)) : name.toString();
    }

    private static String sha256(byte[] value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
