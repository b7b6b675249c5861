package org.esignonbridge.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.esignonbridge.delivery.DeliveryFailure.Kind;
import org.junit.jupiter.api.Test;

/** What any receiver's failure means to the engine when its subscriber has nothing to say. */
class DeliveryFailuresTest {

    @Test
    void anEndpointAnswering503Or429DidNothingAndItsRetryAfterIsHonoured() {
        DeliveryFailure busy = DeliveryFailures.classify(new RuntimeCamelException(http(503, Map.of("retry-after", "7"))));
        DeliveryFailure quota = DeliveryFailures.classify(http(429, Map.of()));

        assertThat(busy.kind()).isEqualTo(Kind.NOT_APPLIED);
        assertThat(busy.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(busy.cause()).contains("503");
        assertThat(quota.kind()).isEqualTo(Kind.NOT_APPLIED);
        assertThat(quota.retryAfter()).isNull();
    }

    @Test
    void anyOther5xxMayHaveBeenAppliedAndA4xxIsLeftToMaxAttempts() {
        assertThat(DeliveryFailures.classify(http(500, Map.of())).kind()).isEqualTo(Kind.UNKNOWN_OUTCOME);
        assertThat(DeliveryFailures.classify(http(400, Map.of())).kind()).isEqualTo(Kind.FAILED);
    }

    @Test
    void aConnectionThatNeverOpenedDidNothingOneThatBrokeMayHave() {
        assertThat(DeliveryFailures.classify(new IOException("x", new ConnectException("Connection refused"))).kind())
                .isEqualTo(Kind.NOT_APPLIED);
        assertThat(DeliveryFailures.classify(new RuntimeCamelException(new SocketTimeoutException("Read timed out"))).kind())
                .isEqualTo(Kind.UNKNOWN_OUTCOME);
    }

    @Test
    void ourOwnUndeliverableIsUndeliverableAndAnythingElseFailed() {
        assertThat(DeliveryFailures.classify(new RuntimeCamelException(new UndeliverableException("too large"))).kind())
                .isEqualTo(Kind.UNDELIVERABLE);
        DeliveryFailure unexpected = DeliveryFailures.classify(new IllegalArgumentException("port out of range:70000"));
        assertThat(unexpected.kind()).isEqualTo(Kind.FAILED);
        assertThat(unexpected.cause()).isEqualTo("IllegalArgumentException: port out of range:70000");
    }

    @Test
    void retryAfterIsReadInSecondsOrAsAnHttpDate() {
        Clock now = Clock.fixed(Instant.parse("2026-10-21T07:27:30Z"), ZoneOffset.UTC);
        assertThat(DeliveryFailures.retryAfter(" 120 ", now)).isEqualTo(Duration.ofMinutes(2));
        assertThat(DeliveryFailures.retryAfter("Wed, 21 Oct 2026 07:28:00 GMT", now)).isEqualTo(Duration.ofSeconds(30));
        assertThat(DeliveryFailures.retryAfter("Wed, 21 Oct 2026 07:27:00 GMT", now)).as("a moment past").isZero();
        assertThat(DeliveryFailures.retryAfter("soon", now)).isNull();
        assertThat(DeliveryFailures.retryAfter(null, now)).isNull();
    }

    private static HttpOperationFailedException http(int status, Map<String, String> headers) {
        return new HttpOperationFailedException("http://receiver.example/hook", status, "status " + status, null, headers, "");
    }
}
