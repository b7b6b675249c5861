package org.esignonbridge.archive;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.stereotype.Component;

/**
 * Where an archived file goes: {@code <directory>/<yyyy>/<MM>/<wfuid>/contract.pdf} (and
 * {@code certificate.pdf}), by the month the contract was completed. The folder name comes from the
 * document id eSignon sent, so it is made safe: anything but letters, digits, {@code .}, {@code -} and
 * {@code _} becomes {@code _}, and a name that had to change gets a short hash of the original so that
 * two documents never share a folder.
 */
@Component
public class ArchiveLayout {

    private static final int MAX_NAME = 100;

    private final Path root;

    public ArchiveLayout(ArchiveProperties properties) {
        this.root = properties.directory().toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path pathOf(ArchiveFile file) {
        Path path = root.resolve(String.format("%04d", file.completedAt().getYear()))
                .resolve(String.format("%02d", file.completedAt().getMonthValue()))
                .resolve(folderName(file.wfuid()))
                .resolve(file.fileName())
                .normalize();
        if (!path.startsWith(root)) {
            throw new IllegalStateException("archive path escapes the archive: " + path);
        }
        return path;
    }

    static String folderName(String wfuid) {
        String safe = wfuid.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.isEmpty() || safe.chars().allMatch(c -> c == '.')) {
            safe = "_";
        }
        if (safe.equals(wfuid) && safe.length() <= MAX_NAME) {
            return safe;
        }
        String shortened = safe.length() > MAX_NAME ? safe.substring(0, MAX_NAME) : safe;
        return shortened + "-" + shortHash(wfuid);
    }

    private static String shortHash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
