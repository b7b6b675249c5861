package org.esignonbridge.receive;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.esignonbridge.support.DatabaseOutage;
import org.esignonbridge.support.ProductTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

@Import(DatabaseOutage.class)
class DatabaseUnavailableTest extends ProductTest {

    @Autowired
    DatabaseOutage outage;

    @AfterEach
    void restore() {
        outage.restore();
    }

    @Test
    void anExportArrivingWhileTheDatabaseIsDownIsAnswered503SoThatESignonRetries() {
        outage.down();
        HttpResponse<String> whileDown = postExport(sample("02-approve-complete.json"));
        outage.restore();

        assertThat(whileDown.statusCode()).isEqualTo(503);
        assertThat(whileDown.headers().firstValue("Retry-After")).isPresent();
        assertThat(json(whileDown).get("error").asText()).isEqualTo("unavailable");
        assertThat(count("esignon_export")).isZero();

        HttpResponse<String> retried = postExport(sample("02-approve-complete.json"));
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(json(retried).get("duplicate").asBoolean()).isFalse();
        assertThat(count("esignon_export")).isOne();
    }

    @Test
    void aConnectionLostMidTransactionLeavesNoHalfWrittenExport() {
        outage.failStatementsContaining("esignon_export_param");

        HttpResponse<String> response = postExport(sample("02-approve-complete.json"));
        outage.restore();

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(count("esignon_export")).isZero();
        assertThat(count("esignon_export_param")).isZero();
    }

    @Test
    void aMalformedBodyArrivingWhileTheDatabaseIsDownIsNotLost() {
        outage.down();
        HttpResponse<String> response = postExport("{not json");
        outage.restore();

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(postExport("{not json").statusCode()).isEqualTo(400);
        assertThat(count("esignon_rejected_export")).isOne();
    }
}
