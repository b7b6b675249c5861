package org.esignonbridge.archive;

import java.util.Base64;
import java.util.HexFormat;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Adds to the archive's PutObject what the aws2-s3 endpoint has no option for: the SHA-256 computed
 * while downloading (object metadata {@code sha256}, set by the route) sent as the object's checksum,
 * so the store refuses bytes that differ from what was downloaded; and the server-side encryption
 * the operator chose.
 */
class ArchivePutRequests implements ExecutionInterceptor {

    static final String SHA256 = "sha256";

    private final ArchiveProperties.S3 s3;

    ArchivePutRequests(ArchiveProperties.S3 s3) {
        this.s3 = s3;
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        if (!(context.request() instanceof PutObjectRequest put)) {
            return context.request();
        }
        PutObjectRequest.Builder request = put.toBuilder();
        String sha256 = put.metadata().get(SHA256);
        if (sha256 != null) {
            request.checksumSHA256(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256)));
        }
        if (s3.serverSideEncryption() != null && !s3.serverSideEncryption().isBlank()) {
            request.serverSideEncryption(s3.serverSideEncryption());
            if (s3.kmsKeyId() != null && !s3.kmsKeyId().isBlank()) {
                request.ssekmsKeyId(s3.kmsKeyId());
            }
        }
        return request.build();
    }
}
