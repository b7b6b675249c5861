package org.esignonbridge.sheets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FileNotFoundException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;

import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpHeaders;
import com.google.api.client.http.HttpResponseException;
import org.apache.camel.RuntimeCamelException;
import org.esignonbridge.delivery.DeliveryFailure;
import org.esignonbridge.delivery.DeliveryFailure.Kind;
import org.junit.jupiter.api.Test;

/** What Google's answers mean for the sheet (as camel-google-sheets hands them over: wrapped). */
class SheetAdviceTest {

    static final SheetAdvice ADVICE = new SheetAdvice(new SheetsProperties(true, "id", "Contracts", List.of("export_id"), 500,
            Duration.ofSeconds(2), null, "https://sheets.googleapis.com/", Duration.ofSeconds(30), Duration.ofMinutes(2), false));

    @Test
    void a429WasNotAppliedAndComesBackAfterRetryAfterWithoutSettling() {
        DeliveryFailure quota = ADVICE.classify(google(429, "1", "Quota exceeded for quota metric 'Write requests'"));

        assertThat(quota.kind()).isEqualTo(Kind.NOT_APPLIED);
        assertThat(quota.retryAfter()).isEqualTo(Duration.ofSeconds(1));
        assertThat(quota.cause()).isEqualTo("Google answered 429 Quota exceeded for quota metric 'Write requests'");
    }

    @Test
    void a429WithoutRetryAfterWaitsForTheMinutesQuotaToRefillAtMostASettlePeriod() {
        assertThat(ADVICE.classify(google(429, null, "Quota exceeded")).retryAfter()).isEqualTo(Duration.ofMinutes(1));
        SheetAdvice shortSettle = new SheetAdvice(new SheetsProperties(true, "id", "Contracts", List.of("export_id"), 500,
                Duration.ofSeconds(2), null, "https://sheets.googleapis.com/", Duration.ofSeconds(2), Duration.ofSeconds(3), false));
        assertThat(shortSettle.classify(google(429, null, "Quota exceeded")).retryAfter()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void answersGoogleGivesBeforeApplyingWereNotAppliedAndWaitForTheBackOff() {
        for (int status : new int[] {401, 403, 404}) {
            assertThat(ADVICE.classify(google(status, null, "The caller does not have permission")))
                    .as("%d", status).extracting(DeliveryFailure::kind, DeliveryFailure::retryAfter).containsExactly(Kind.NOT_APPLIED, null);
        }
        assertThat(ADVICE.classify(google(400, null, "Unable to parse range: 'Contracts'!A:I")).kind()).isEqualTo(Kind.NOT_APPLIED);
        assertThat(ADVICE.classify(new RuntimeCamelException(new FileNotFoundException("/etc/key.json does not exist"))).kind())
                .isEqualTo(Kind.NOT_APPLIED);
    }

    @Test
    void a400AboutTheValuesIsTheRowsOwnFault() {
        assertThat(ADVICE.classify(google(400, null, "Invalid value at 'data.values'")).kind()).isEqualTo(Kind.UNDELIVERABLE);
        assertThat(ADVICE.classify(google(413, null, "Request payload size exceeds the limit")).kind()).isEqualTo(Kind.UNDELIVERABLE);
    }

    @Test
    void a5xxMayComeAfterGoogleAppliedTheAppend() {
        for (int status : new int[] {500, 502, 503, 504}) {
            assertThat(ADVICE.classify(google(status, null, "Internal error encountered.")).kind()).as("%d", status)
                    .isEqualTo(Kind.UNKNOWN_OUTCOME);
        }
    }

    @Test
    void noAnswerAtAllIsLeftToTheEngine() {
        assertThat(ADVICE.classify(new RuntimeCamelException(new SocketTimeoutException("Read timed out")))).isNull();
    }

    /** What camel-google-sheets throws for Google's JSON error answer. */
    static RuntimeCamelException google(int status, String retryAfter, String message) {
        HttpHeaders headers = new HttpHeaders();
        if (retryAfter != null) {
            headers.setRetryAfter(retryAfter);
        }
        String content = "{\n  \"code\": " + status + ",\n  \"message\": \"" + message + "\",\n  \"status\": \"X\"\n}";
        GoogleJsonError details = new GoogleJsonError();
        details.setCode(status);
        details.setMessage(message);
        return new RuntimeCamelException(new GoogleJsonResponseException(new HttpResponseException.Builder(status, "Status " + status, headers)
                .setContent(content).setMessage(status + " Status " + status + "\n" + content), details));
    }
}
