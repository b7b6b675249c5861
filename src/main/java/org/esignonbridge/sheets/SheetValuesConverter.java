package org.esignonbridge.sheets;

import java.util.ArrayList;
import java.util.List;

import com.google.api.services.sheets.v4.model.ValueRange;
import org.apache.camel.CamelContext;
import org.apache.camel.TypeConversionException;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.support.TypeConverterSupport;
import org.springframework.stereotype.Component;

/**
 * Lets a YAML route write a sheet row without Java: a list (one row) or a list of lists (rows),
 * for instance {@code ${list(${body[id]},${body[wfuid]})}}, converts to the {@link ValueRange}
 * that {@code google-sheets://data/append} takes. Cells are written as text.
 */
@Component
public class SheetValuesConverter implements CamelContextConfiguration {

    @Override
    public void beforeApplicationStart(CamelContext camelContext) {
        camelContext.getTypeConverterRegistry().addTypeConverter(ValueRange.class, List.class, new TypeConverterSupport() {
            @Override
            public <T> T convertTo(Class<T> type, org.apache.camel.Exchange exchange, Object value) {
                return type.cast(toValueRange((List<?>) value));
            }
        });
    }

    @Override
    public void afterApplicationStart(CamelContext camelContext) {
        // nothing to do once started
    }

    static ValueRange toValueRange(List<?> value) {
        boolean rows = !value.isEmpty() && value.stream().allMatch(List.class::isInstance);
        List<List<Object>> values = new ArrayList<>();
        if (rows) {
            value.forEach(row -> values.add(cells((List<?>) row)));
        } else {
            values.add(cells(value));
        }
        return new ValueRange().setMajorDimension("ROWS").setValues(values);
    }

    private static List<Object> cells(List<?> row) {
        List<Object> cells = new ArrayList<>(row.size());
        for (Object cell : row) {
            if (cell instanceof List<?> || cell instanceof java.util.Map<?, ?>) {
                throw new TypeConversionException(row, ValueRange.class, new IllegalArgumentException("a cell cannot be a list or map"));
            }
            cells.add(cell == null ? "" : cell.toString());
        }
        return cells;
    }
}
