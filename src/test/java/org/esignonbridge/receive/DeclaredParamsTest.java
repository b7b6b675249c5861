package org.esignonbridge.receive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.esignonbridge.support.ProductTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "esignon.export.params=employee_no,department,contract_amount")
class DeclaredParamsTest extends ProductTest {

    @Test
    void aDeclaredParamThatIsMissingIsRecordedWithoutAValue() {
        long id = json(postExport(sample("01-approve-playing.json"))).get("id").asLong();

        List<Map<String, Object>> params = jdbc.queryForList(
                "SELECT param_id, param_value FROM esignon_export_param WHERE export_id = ? ORDER BY param_order", id);

        assertThat(params).extracting(p -> p.get("param_id")).containsExactly("employee_no", "contract_amount", "department");
        assertThat(params.get(2).get("param_value")).isNull();
        assertThat(params.get(1).get("param_value")).isEqualTo("3,200,000");
    }
}
