package org.esignonbridge.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;

import org.esignonbridge.support.ProductProcess;
import org.esignonbridge.support.S3Server;
import org.junit.jupiter.api.Test;

/** A retention set on a bucket without Object Lock: the product refuses to start, never archives without the lock. */
class ObjectLockRequiredTest {

    @Test
    void aRetentionOnABucketWithoutObjectLockStopsTheStartSayingWhy() throws Exception {
        S3Server s3 = S3Server.start();
        s3.bucket("no-lock", false);

        try (ProductProcess product = ProductProcess.fromClasspath().jvm("-Xmx256m").args(
                "--esignon.archive.directory=" + Files.createTempDirectory("archive"),
                "--esignon.archive.store=s3",
                "--esignon.archive.s3.bucket=no-lock",
                "--esignon.archive.s3.endpoint=" + s3.endpoint(),
                "--esignon.archive.s3.path-style-access=true",
                "--esignon.archive.s3.access-key=" + S3Server.ACCESS_KEY,
                "--esignon.archive.s3.secret-key=" + S3Server.SECRET_KEY,
                "--esignon.archive.s3.retention-mode=GOVERNANCE",
                "--esignon.archive.s3.retain-for=P5Y").launch()) {
            await().atMost(Duration.ofMinutes(2)).until(() -> !product.isAlive());

            assertThat(product.log()).contains("esignon.archive.s3.retention-mode is GOVERNANCE but bucket no-lock has no Object Lock")
                    .doesNotContain(S3Server.SECRET_KEY);
        }
    }
}
