package org.esignonbridge.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** A secret a caller must present; comparing digests takes the same time wherever, or whether, the values differ. */
public final class ConstantTimeSecret {

    private final byte[] digest;

    public ConstantTimeSecret(String secret) {
        this.digest = sha256(secret);
    }

    public boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(sha256(candidate), digest);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
