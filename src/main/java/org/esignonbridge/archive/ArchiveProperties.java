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
 * @param enabled <b>Archive completed contracts.</b> Archive the PDF and certificate of every completed contract;
 *        when false {@code routes/archive-documents.camel.yaml} is not deployed. Retries follow
 *        {@code esignon.delivery.*}. Example: {@code false}
 * @param store <b>Store.</b> Where files are kept: {@code filesystem} (under directory), {@code s3} (an S3
 *        bucket, {@code esignon.archive.s3.*}) or {@code google-drive} (a Google Drive folder,
 *        {@code esignon.archive.drive.*}). Example: {@code s3}
 * @param directory <b>Archive folder.</b> Where files are kept, as {@code yyyy/MM/<wfuid>/contract.pdf} and
 *        {@code certificate.pdf}; with the s3 and google-drive stores only downloads in progress ({@code .incoming/}), deleted once
 *        uploaded. Example: {@code /var/lib/esignon-bridge/archive}
 * @param maxBytes <b>Largest file.</b> A larger file is declined and recorded. Example: {@code 100MB}
 * @param allowedHosts <b>Allowed hosts.</b> Hosts files may be fetched from: a name ({@code esignon.net}) or every
 *        subdomain of one ({@code *.esignon.net}). Only https; redirects only to these hosts. Example:
 *        {@code esignon.net,*.esignon.net}
 * @param allowInsecureLoopback <b>Allow http from loopback.</b> Tests only: also fetch over http from loopback
 *        addresses. Never in production
 * @param connectTimeout <b>Connect timeout.</b> How long to wait for a connection to the document host. Example:
 *        {@code 10s}
 * @param responseTimeout <b>Response timeout.</b> How long to wait for the response headers. Example: {@code 30s}
 * @param downloadTimeout <b>Download timeout.</b> Longest a whole download may take. Example: {@code 10m}
 * @param s3 the bucket of the s3 store
 * @param drive the folder of the google-drive store
 * @param migrateToS3 <b>Move the local archive to S3.</b> With store {@code s3}: at start, move every file the
 *        filesystem store archived to the bucket, each verified by its SHA-256; resumable (run it again after a
 *        failure); local files are kept. Example: {@code true}
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
        @DefaultValue @Valid Drive drive,
        @DefaultValue("false") boolean migrateToS3) {

    public enum Store {
        FILESYSTEM, S3, GOOGLE_DRIVE
    }

    /**
     * The google-drive store: a Google Drive folder (in My Drive or a shared drive) shared with the Google account
     * of the sheet ({@code esignon.sheets.credentials-file}, or the sheet's OAuth client), files
     * {@code <folder>/yyyy/MM/<wfuid>-contract.pdf}.
     *
     * @param folderId <b>Folder id.</b> The id in the folder's URL, {@code https://drive.google.com/drive/folders/<id>}
     *        (a shared drive's own id for its top folder). Share it with the service account's e-mail as Content
     *        manager (shared drive) or Editor. Required with store {@code google-drive}. Example:
     *        {@code 1a2B3c4D5e6F7g8H9i0JkLmNoPqRsTuVw}
     * @param rootUrl <b>Drive API root.</b> Change it only for a proxy or an emulator. Example:
     *        {@code https://www.googleapis.com/}
     * @param readTimeout <b>Read timeout.</b> How long to wait for each of Drive's answers (an upload is sent in
     *        parts, each answered). Example: {@code 60s}
     */
    public record Drive(
            String folderId,
            @DefaultValue("https://www.googleapis.com/") String rootUrl,
            @DefaultValue("60s") Duration readTimeout) {
    }

    /**
     * The s3 store: AWS S3 or an S3-compatible store (Naver Cloud, NHN Cloud, KT Cloud, MinIO, Ceph), keys
     * {@code <prefix>yyyy/MM/<wfuid>/contract.pdf}.
     *
     * @param bucket <b>Bucket.</b> The bucket's name. Required with store {@code s3}. Example: {@code acme-signed-contracts}
     * @param prefix <b>Key prefix.</b> Put before every key: {@code contracts/} gives
     *        {@code contracts/2026/11/<wfuid>/contract.pdf}. Example: {@code contracts/}
     * @param region <b>Region.</b> The bucket's region, or what an S3-compatible store asks for ({@code kr-standard}
     *        at Naver Cloud). Example: {@code ap-northeast-2}
     * @param endpoint <b>Endpoint.</b> The address of an S3-compatible store; empty: AWS. Example:
     *        {@code https://kr.object.ncloudstorage.com}
     * @param pathStyleAccess <b>Path-style access.</b> {@code true}: {@code <endpoint>/<bucket>/<key>} (MinIO, Ceph,
     *        most on-premises stores); {@code false}: {@code <bucket>.<endpoint>/<key>}. Example: {@code true}
     * @param accessKey <b>Access key id.</b> <b>Secret.</b> With secret-key a key pair (set them with
     *        {@code ESIGNON_ARCHIVE_S3_ACCESS_KEY}, {@code ESIGNON_ARCHIVE_S3_SECRET_KEY}). Empty: the AWS SDK's
     *        default chain ({@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, a profile, a container or
     *        instance role). Example: {@code AKIAIOSFODNN7EXAMPLE}
     * @param secretKey <b>Secret access key.</b> <b>Secret.</b> Set it from the environment, never in a file you
     *        share. Example: {@code wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY}
     * @param serverSideEncryption <b>Server-side encryption.</b> How the store encrypts what it keeps:
     *        {@code AES256} (keys of the store) or {@code aws:kms} (with kms-key-id); empty: the bucket's default.
     *        Example: {@code aws:kms}
     * @param kmsKeyId <b>KMS key id.</b> The KMS key of {@code aws:kms}; empty: the account's default S3 key.
     *        Example: {@code arn:aws:kms:ap-northeast-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab}
     * @param retentionMode <b>Object Lock mode.</b> Retention put on every archived object: {@code GOVERNANCE}
     *        (users with {@code s3:BypassGovernanceRetention} may still delete) or {@code COMPLIANCE} (nobody, not
     *        even the root account, until it ends); empty: none. Needs a bucket created with Object Lock: the
     *        product declines to start otherwise. Example: {@code COMPLIANCE}
     * @param retainFor <b>Retain for.</b> With retention-mode: an ISO-8601 period counted from the contract's
     *        completion ({@code workdatetime}). Example: {@code P10Y}
     * @param legalHold <b>Legal hold.</b> Also put a legal hold on every archived object: kept, whatever the
     *        retention, until someone with {@code s3:PutObjectLegalHold} lifts it. Example: {@code true}
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

    @AssertTrue(message = "esignon.archive.store=google-drive needs esignon.archive.drive.folder-id")
    public boolean isDriveFolderSet() {
        return store != Store.GOOGLE_DRIVE || (drive.folderId() != null && !drive.folderId().isBlank());
    }

    @AssertTrue(message = "esignon.archive.store=s3 needs esignon.archive.s3.bucket")
    public boolean isBucketSet() {
        return store != Store.S3 || (s3.bucket() != null && !s3.bucket().isBlank());
    }
}
