package org.esignonbridge.archive;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import org.apache.camel.Message;
import org.apache.camel.component.aws2.s3.AWS2S3Constants;
import org.esignonbridge.delivery.ArchivedFileOpener;
import org.esignonbridge.delivery.UndeliverableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectLockEnabled;
import software.amazon.awssdk.services.s3.model.ObjectLockLegalHoldStatus;
import software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The s3 store's steps around the route's aws2-s3 endpoint: what to put under which key (unless the
 * same bytes are there already: a retry after a crash writes nothing twice; different bytes are never
 * overwritten), the Object Lock retention of each archived object, and whether the bucket can hold it.
 * Also the archive's health: a retention set on a bucket without Object Lock is DOWN, never a silent
 * archive without lock.
 */
@Component("s3Store")
@ConditionalOnProperty(name = "esignon.archive.store", havingValue = "s3")
public class S3Store extends AbstractHealthIndicator implements SmartInitializingSingleton, ArchivedFileOpener {

    private static final Logger LOG = LoggerFactory.getLogger(S3Store.class);
    /** Set by {@link #prepare}: the same object is already at the key, nothing to put. */
    public static final String ALREADY_STORED = "EsignonAlreadyStored";

    private final S3Client s3;
    private final ArchiveProperties.S3 settings;
    private final Clock clock;
    private volatile boolean lockChecked;

    public S3Store(S3Client archiveS3Client, ArchiveProperties properties, Clock clock) {
        this.s3 = archiveS3Client;
        this.settings = properties.s3();
        this.clock = clock;
    }

    public String keyOf(ArchiveFile file) {
        return settings.keyPrefix() + ArchiveLayout.nameOf(file);
    }

    /**
     * Makes the message the PutObject of the fetched file: key, length, type, the SHA-256 as metadata
     * (sent as the checksum), the temporary file as body. Sets {@link #ALREADY_STORED} when an
     * object with the same SHA-256 is at the key; refuses when a different one is.
     */
    public void prepare(FetchedPdf pdf, Message message) throws UndeliverableException {
        checkObjectLock();
        String key = keyOf(pdf.file());
        String existing = sha256At(key);
        if (existing != null && !existing.equals(pdf.sha256())) {
            throw new ArchiveConflictException("a different object is already archived at " + uri(key) + ": it is never overwritten");
        }
        message.setHeader(ALREADY_STORED, existing != null);
        message.setHeader(AWS2S3Constants.KEY, key);
        message.setHeader(AWS2S3Constants.CONTENT_TYPE, "application/pdf");
        message.setHeader(AWS2S3Constants.CONTENT_LENGTH, pdf.size());
        Map<String, String> metadata = new HashMap<>();
        metadata.put(ArchivePutRequests.SHA256, pdf.sha256());
        message.setHeader(AWS2S3Constants.METADATA, metadata);
        message.setBody(pdf.part().toFile());
    }

    /** Puts the retention (and legal hold) on the object at the file's key; returns the archive's record of it. */
    public ArchivedPdf lock(FetchedPdf pdf) {
        String key = keyOf(pdf.file());
        if (settings.retentionMode() != null) {
            Instant until = pdf.file().completedAt().plus(settings.retainFor()).toInstant(ZoneOffset.UTC);
            if (until.isAfter(clock.instant())) {
                s3.putObjectRetention(r -> r.bucket(settings.bucket()).key(key).retention(retention -> retention
                        .mode(ObjectLockRetentionMode.fromValue(settings.retentionMode().name())).retainUntilDate(until)));
            } else {
                LOG.info("Not locking {}: its retention ended on {}", uri(key), until);
            }
        }
        if (settings.legalHold()) {
            s3.putObjectLegalHold(r -> r.bucket(settings.bucket()).key(key)
                    .legalHold(hold -> hold.status(ObjectLockLegalHoldStatus.ON)));
        }
        return pdf.archivedAt(uri(key));
    }

    @Override
    public boolean opens(String location) {
        return location.startsWith("s3://" + settings.bucket() + "/");
    }

    /** A document-archived subscriber's body: the object's bytes, streamed. */
    @Override
    public InputStream open(String location) {
        String key = location.substring(("s3://" + settings.bucket() + "/").length());
        return s3.getObject(r -> r.bucket(settings.bucket()).key(key));
    }

    public String uri(String key) {
        return "s3://" + settings.bucket() + "/" + key;
    }

    /** The SHA-256 (hex) of the object at the key, from its checksum or else its sha256 metadata; null when there is none. */
    public String sha256At(String key) throws ArchiveConflictException {
        HeadObjectResponse head;
        try {
            head = s3.headObject(r -> r.bucket(settings.bucket()).key(key).checksumMode(ChecksumMode.ENABLED));
        } catch (NoSuchKeyException e) {
            return null;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return null;
            }
            throw e;
        }
        if (head.checksumSHA256() != null && !head.checksumSHA256().contains("-")) {   // "-n": a multipart object's checksum of checksums
            return HexFormat.of().formatHex(Base64.getDecoder().decode(head.checksumSHA256()));
        }
        String metadata = head.metadata().get(ArchivePutRequests.SHA256);
        if (metadata == null) {
            throw new ArchiveConflictException("an object without a SHA-256 is already archived at " + uri(key) + ": it is never overwritten");
        }
        return metadata;
    }

    /** Once reachable: a retention needs a bucket with Object Lock enabled, else nothing is archived. */
    private void checkObjectLock() {
        if (lockChecked || settings.retentionMode() == null) {
            return;
        }
        boolean enabled;
        try {
            enabled = ObjectLockEnabled.ENABLED == s3.getObjectLockConfiguration(r -> r.bucket(settings.bucket()))
                    .objectLockConfiguration().objectLockEnabled();
        } catch (S3Exception e) {
            if (e.statusCode() != 404 && e.statusCode() != 400) {
                throw e;
            }
            enabled = false;   // ObjectLockConfigurationNotFoundError
        }
        if (!enabled) {
            throw new IllegalStateException("esignon.archive.s3.retention-mode is " + settings.retentionMode() + " but bucket "
                    + settings.bucket() + " has no Object Lock: create the bucket with Object Lock enabled, or leave retention-mode empty");
        }
        lockChecked = true;
    }

    /** At start: a bucket that answers without Object Lock stops the start; an unreachable one is checked again before each upload. */
    @Override
    public void afterSingletonsInstantiated() {
        try {
            checkObjectLock();
        } catch (SdkClientException | S3Exception e) {
            LOG.warn("Could not check bucket {} at start ({}); the archive checks it again before uploading", settings.bucket(), e.getMessage());
        }
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        health.withDetail("bucket", settings.bucket());
        try {
            s3.headBucket(r -> r.bucket(settings.bucket()));
            checkObjectLock();
            health.up();
        } catch (RuntimeException e) {
            health.down().withDetail("error", e.getMessage());
        }
    }
}
