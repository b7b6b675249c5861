package org.esignonbridge.sheets;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.camel.CamelContext;
import org.esignonbridge.support.ProductTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "esignon.sheets.enabled=false")
class SheetDisabledTest extends ProductTest {

    @Autowired
    CamelContext camel;

    @Test
    void nothingIsQueuedForADisabledSheet() {
        assertThat(postExport(sample("02-approve-complete.json")).statusCode()).isEqualTo(200);

        assertThat(count("sheet_row")).isZero();
        assertThat(camel.getRoute("sync-sheet")).isNull();
    }
}
