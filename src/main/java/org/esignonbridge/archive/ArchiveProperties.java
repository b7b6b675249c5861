package org.esignonbridge.archive;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The archive of completed contracts: the signed PDF and the audit certificate of every export
 * that passed the filters with status Complete.
 *
 * @param enabled whether completed contracts are archived (the archive route is deployed); retries
 *        follow esignon.delivery.*
 * @param store where files are kept: {@code filesystem} (under directory) or {@code s3} (an S3 bucket, esignon.archive.s3.*)
 * @param directory where files are kept, as {@code yyyy/MM/<wfuid>/contract.pdf} and {@code certificate.pdf};
 *        with the s3 store only downloads in progress, deleted once uploaded
 * @param maxBytes largest file archived; a larger one is refused and recorded. Example: {@code 100MB}
 * @param allowedHosts comma-separated hosts files may be fetched from: a name ({@code esignon.net}) or
 *        every subdomain of one ({@code *.esignon.net}). Only https; redirects only to these hosts
 * @param allowInsecureLoopback for tests only: also fetch over http from loopback addresses
 * @param connectTimeout how long to wait for a connection
 * @param responseTimeout how long to wait for the response headers
 * @param downloadTimeout longest a whole download may take
 * @param s3 the bucket of the s3 store
 * @param migrateToS3 at start, move the files the filesystem store archived (archive_file rows with a
 *        path) to the s3 store, each verified by its SHA-256; resumable: run it again after a failure
 */
@Validated
@ConfigurationProperties("esignon.archive")
public record ArchiveProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("filesystem") Store store,
        @DefaultValue("./data/archive") Path directory,
        @DefaultValue("100MB") DataSize maxBytes,
        @DefaultValue({"esignon.net", "*.esignon.net"}) List<String> allowedHosts,
        @DefaultValue("false") boolean allowInsecureLoopback,
        @DefaultValue("10s") Duration connectTimeout,
        @DefaultValue("30s") Duration responseTimeout,
        @DefaultValue("10m") Duration downloadTimeout,
        @DefaultValue @Valid S3 s3,
        @DefaultValue("false") boolean migrateToS3) {

    public enum Store {
        FILESYSTEM, S3
    }

    /**
     * An S3 bucket (AWS, or an S3-compatible store: Naver Cloud, NHN Cloud, KT Cloud, MinIO, Ceph).
     *
     * @param bucket the bucket's name. Example: {@code acme-signed-contracts}
     * @param prefix put before every key, e.g. {@code contracts/} gives {@code contracts/2026/11/<wfuid>/contract.pdf}
     * @param region the bucket's region. Example: {@code ap-northeast-2}
     * @param endpoint the store's address for an S3-compatible store; empty: AWS. Example: {@code https://kr.object.ncloudstorage.com}
     * @param pathStyleAccess address the bucket as {@code <endpoint>/<bucket>} instead of {@code <bucket>.<endpoint>} (MinIO, Ceph)
     * @param accessKey access key id; empty: the AWS SDK's default chain (AWS_ACCESS_KEY_ID and
     *        AWS_SECRET_ACCESS_KEY, profile, container or instance role)
     * @param secretKey secret access key (a secret: set it from the environment, never in a file you share)
     * @param serverSideEncryption how the store encrypts what it keeps: {@code AES256} (keys of the store),
     *        {@code aws:kms} (with kms-key-id); empty: the bucket's default
     * @param kmsKeyId the KMS key of {@code aws:kms}; empty: the account's default S3 key
     * @param retentionMode Object Lock retention put on every archived object: {@code GOVERNANCE} or
     *        {@code COMPLIANCE} (not even the root account can shorten it); empty: none. Needs a bucket with Object Lock
     * @param retainFor how long an object is kept unchanged, counted from the contract's completion. Example: {@code P10Y}
     * @param legalHold also put a legal hold on every archived object (kept until someone lifts it)
     */
    public record S3(
            String bucket,
            @DefaultValue("") String prefix,
            @DefaultValue("us-east-1") String region,
            URI endpoint,
            @DefaultValue("false") boolean pathStyleAccess,
            String accessKey,
            String secretKey,
            String serverSideEncryption,
            String kmsKeyId,
            RetentionMode retentionMode,
            Period retainFor,
            @DefaultValue("false") boolean legalHold) {

        public enum RetentionMode {
            GOVERNANCE, COMPLIANCE
        }

        @AssertTrue(message = "esignon.archive.s3.retention-mode and retain-for go together (e.g. COMPLIANCE and P10Y)")
        public boolean isRetentionComplete() {
            return (retentionMode == null) == (retainFor == null);
        }

        @AssertTrue(message = "esignon.archive.s3.access-key and secret-key go together; leave both empty for the AWS SDK's default chain")
        public boolean isKeyPairComplete() {
            return isBlank(accessKey) == isBlank(secretKey);
        }

        /** The prefix as a key starts with it: no leading slash, a trailing one unless empty. */
        public String keyPrefix() {
            String trimmed = prefix.replaceAll("^/+", "");
            return trimmed.isEmpty() || trimmed.endsWith("/") ? trimmed : trimmed + "/";
        }

        private static boolean isBlank(String value) {
            return value == null || value.isBlank();
        }
    }

    @AssertTrue(message = "esignon.archive.migrate-to-s3 moves files to the s3 store: set esignon.archive.store=s3 too")
    public boolean isMigrationToTheStore() {
        return !migrateToS3 || store == Store.S3;
    }

    @AssertTrue(message = "esignon.archive.store=s3 needs esignon.archive.s3.bucket")
    public boolean isBucketSet() {
        return store != Store.S3 || (s3.bucket() != null && !s3.bucket().isBlank());
    }
}
