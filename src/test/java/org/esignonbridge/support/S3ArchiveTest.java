package org.esignonbridge.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The product archiving to an S3 bucket with Object Lock (COMPLIANCE for ten years, legal hold) on
 * S3Mock in its own process, reached through {@link S3Front} for the store's faults and a bucket policy
 * that refuses deletes and overwrites. The local archive folder is still set: nothing may stay in it.
 */
public abstract class S3ArchiveTest extends ArchiveTest {

    public static final String BUCKET = "signed-contracts";
    public static final String PREFIX = "contracts/";
    public static final S3Server S3 = S3Server.start();
    public static final S3Front FRONT = new S3Front(S3);

    @DynamicPropertySource
    static void s3(DynamicPropertyRegistry registry) {
        S3.bucket(BUCKET, true);
        registry.add("esignon.archive.store", () -> "S3");   // as an operator may write it: the setting ignores case, so must the route
        registry.add("esignon.archive.s3.bucket", () -> BUCKET);
        registry.add("esignon.archive.s3.prefix", () -> PREFIX);
        registry.add("esignon.archive.s3.endpoint", () -> FRONT.endpoint().toString());
        registry.add("esignon.archive.s3.path-style-access", () -> "true");
        registry.add("esignon.archive.s3.access-key", () -> S3Server.ACCESS_KEY);
        registry.add("esignon.archive.s3.secret-key", () -> S3Server.SECRET_KEY);
        registry.add("esignon.archive.s3.retention-mode", () -> "COMPLIANCE");
        registry.add("esignon.archive.s3.retain-for", () -> "P10Y");
        registry.add("esignon.archive.s3.legal-hold", () -> "true");
    }

    @BeforeEach
    void emptyBucket() {
        S3.empty(BUCKET);
        FRONT.reset();
    }

    /** The key of a file of contract {@code wfuid} completed in November 2026 (the samples' month). */
    protected static String key(String wfuid, String fileName) {
        return PREFIX + "2026/11/" + wfuid + "/" + fileName;
    }

    protected static byte[] object(String key) {
        return S3.client().getObjectAsBytes(r -> r.bucket(BUCKET).key(key)).asByteArray();
    }
}
