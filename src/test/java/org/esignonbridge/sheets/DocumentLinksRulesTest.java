package org.esignonbridge.sheets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.util.List;

import com.google.api.services.sheets.v4.model.BatchUpdateValuesRequest;
import com.google.api.services.sheets.v4.model.ValueRange;
import org.esignonbridge.sheets.DocumentLinks.Link;
import org.junit.jupiter.api.Test;

/** Which cells the document links write, and how Google must read them: the rules, without Google. */
class DocumentLinksRulesTest {

    static final SheetLayout LAYOUT = new SheetLayout(new SheetsProperties(true, "id", "Contracts", List.of("export_id", "wfuid"), 500,
            Duration.ofSeconds(2), null, "https://sheets.googleapis.com/", Duration.ofSeconds(30), Duration.ofMinutes(2), true));
    static final DocumentLinks LINKS = new DocumentLinks(null, LAYOUT, new SheetRowMapper(LAYOUT, new Installation(null, null) {
        @Override
        public String id() {
            return "inst";
        }
    }));

    @Test
    void theLinkColumnsComeAfterTheLastUsedHeaderCellAndTheHeaderGoesWithTheFirstWrite() throws Exception {
        List<BatchUpdateValuesRequest> requests = LINKS.requests(List.of(new Link(1, 7, "D1", "document", "/archive/D1/contract.pdf")),
                rows(List.of("export_id", "wfuid", "row_key", "", "notes")), rows(List.of("row_key"), List.of("inst:9"), List.of("inst:7")));

        assertThat(requests).singleElement().satisfies(request -> {
            assertThat(request.getValueInputOption()).isEqualTo("RAW");
            assertThat(request.getData()).extracting(ValueRange::getRange, range -> range.getValues().get(0).get(0)).containsExactly(
                    tuple("'Contracts'!F1", "document"),
                    tuple("'Contracts'!G1", "certificate"),
                    tuple("'Contracts'!F3", "/archive/D1/contract.pdf"));
        });
    }

    @Test
    void aClearedHeaderNeverPutsTheLinksOverTheExportsOwnColumns() throws Exception {
        List<BatchUpdateValuesRequest> requests = LINKS.requests(List.of(new Link(1, 7, "D1", "certificate", "/a/certificate.pdf")),
                rows(), rows(List.of(""), List.of("inst:7")));

        assertThat(requests.get(0).getData()).extracting(ValueRange::getRange)
                .containsExactly("'Contracts'!D1", "'Contracts'!E1", "'Contracts'!E2");
    }

    @Test
    void onlyADriveLinkIsAFormulaWrittenUserEnteredWithItsQuotesEscaped() throws Exception {
        List<BatchUpdateValuesRequest> requests = LINKS.requests(List.of(
                        new Link(1, 7, "D\"1", "document", "https://drive.google.com/file/d/1AbC_d-9/view"),
                        new Link(2, 7, "D\"1", "certificate", "=HYPERLINK(\"https://evil/\")"),
                        new Link(3, 8, "D2", "document", "https://drive.google.com/file/d/x\"),IMPORTXML(\"/view")),
                rows(List.of("export_id", "wfuid", "row_key", "document", "certificate")),
                rows(List.of("row_key"), List.of("inst:8"), List.of("inst:7"), List.of("inst:7")));

        assertThat(requests).extracting(BatchUpdateValuesRequest::getValueInputOption).containsExactly("RAW", "USER_ENTERED");
        assertThat(requests.get(0).getData()).extracting(ValueRange::getRange, range -> range.getValues().get(0).get(0)).containsExactly(
                tuple("'Contracts'!E3", "=HYPERLINK(\"https://evil/\")"),
                tuple("'Contracts'!E4", "=HYPERLINK(\"https://evil/\")"),
                tuple("'Contracts'!D2", "https://drive.google.com/file/d/x\"),IMPORTXML(\"/view"));
        assertThat(requests.get(1).getData()).extracting(ValueRange::getRange, range -> range.getValues().get(0).get(0)).containsExactly(
                tuple("'Contracts'!D3", "=HYPERLINK(\"https://drive.google.com/file/d/1AbC_d-9/view\",\"D\"\"1-contract.pdf\")"),
                tuple("'Contracts'!D4", "=HYPERLINK(\"https://drive.google.com/file/d/1AbC_d-9/view\",\"D\"\"1-contract.pdf\")"));
    }

    @SafeVarargs
    private static ValueRange rows(List<Object>... rows) {
        return new ValueRange().setValues(List.of(rows));
    }
}
