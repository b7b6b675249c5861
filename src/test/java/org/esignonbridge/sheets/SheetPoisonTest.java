package org.esignonbridge.sheets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;

import org.esignonbridge.support.SheetTest;
import org.junit.jupiter.api.Test;

/** A row Google cannot take never blocks the rows behind it. */
class SheetPoisonTest extends SheetTest {

    @Test
    void anOpinionOverGooglesCellLimitArrivesCutWithAMarkerAndTheRowsBehindItToo() throws Exception {
        camel.getRouteController().stopRoute(subscriberRoute("sheet"));
        long first = exportAccepted(distinctExport("03-reject.json", 1));
        long poison = exportAccepted(distinctExport("03-reject.json", 2).replace("보증금 금액이 다릅니다.", "x".repeat(60_000)));
        long last = exportAccepted(distinctExport("03-reject.json", 3));
        camel.getRouteController().startRoute(subscriberRoute("sheet"));

        await().atMost(Duration.ofSeconds(30)).until(() -> sheetRows().size() == 4);

        assertThat(idsInSheet()).containsExactly(String.valueOf(first), String.valueOf(poison), String.valueOf(last));
        String cut = sheetRows().get(2).get(7);
        assertThat(cut).hasSize(50_000).startsWith("xxx").endsWith("characters in all; the full text is in SQL]");
        assertThat(jdbc.queryForObject("SELECT LENGTH(opinion) FROM esignon_export WHERE id = ?", Integer.class, poison))
                .isGreaterThan(60_000);
        await().atMost(Duration.ofSeconds(10)).until(() -> deliveries("sheet", "delivered") == 3);
    }

    @Test
    void aRowGoogleRefusesIsFoundBySplittingItsBatchAndParkedAloneWhileLaterRowsArrive() throws Exception {
        GOOGLE.refuseValuesContaining("POISON");
        camel.getRouteController().stopRoute(subscriberRoute("sheet"));
        List<Long> before = List.of(exportAccepted(distinctExport("03-reject.json", 1)),
                exportAccepted(distinctExport("03-reject.json", 2)), exportAccepted(distinctExport("03-reject.json", 3)));
        long poison = exportAccepted(distinctExport("03-reject.json", 4).replace("보증금 금액이 다릅니다.", "POISON"));
        List<Long> after = List.of(exportAccepted(distinctExport("03-reject.json", 5)),
                exportAccepted(distinctExport("03-reject.json", 6)), exportAccepted(distinctExport("03-reject.json", 7)));
        camel.getRouteController().startRoute(subscriberRoute("sheet"));

        await().atMost(Duration.ofSeconds(30)).until(() -> deliveries("sheet", "parked") == 1 && deliveries("sheet", "delivered") == 6);

        assertThat(jdbc.queryForObject("SELECT event_id FROM delivery WHERE state = 'parked'", Long.class)).isEqualTo(poison);
        assertThat(jdbc.queryForObject("SELECT last_error FROM delivery WHERE state = 'parked'", String.class)).contains("400");
        assertThat(idsInSheet()).containsExactlyInAnyOrderElementsOf(
                java.util.stream.Stream.concat(before.stream(), after.stream()).map(String::valueOf).toList());

        long later = exportAccepted(distinctExport("03-reject.json", 8));
        await().atMost(Duration.ofSeconds(30)).until(() -> idsInSheet().contains(String.valueOf(later)));

        GOOGLE.refuseValuesContaining(null);                    // fixed: the operator replays the parked row
        assertThat(deliveries.replayParked("sheet")).isOne();
        await().atMost(Duration.ofSeconds(30)).until(() -> idsInSheet().contains(String.valueOf(poison)));
        assertThat(idsInSheet()).doesNotHaveDuplicates().hasSize(8);
    }

    private long exportAccepted(String body) {
        return json(postExport(body)).get("id").asLong();
    }

    private List<String> idsInSheet() {
        return sheetRows().stream().skip(1).map(row -> row.get(0)).toList();
    }
}
