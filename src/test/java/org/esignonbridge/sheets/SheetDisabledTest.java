package org.esignonbridge.sheets;

import static org.assertj.core.api.Assertions.assertThat;

import org.esignonbridge.support.ProductTest;
import org.junit.jupiter.api.Test;

class SheetDisabledTest extends ProductTest {

    @Test
    void nothingIsQueuedForADisabledSheet() {
        assertThat(postExport(sample("02-approve-complete.json")).statusCode()).isEqualTo(200);

        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM delivery WHERE subscriber = 'sheet'", Long.class)).isZero();
        assertThat(camel.getRoute("sync-sheet")).isNull();
    }
}
