package org.esignonbridge.delivery;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The fixed vocabulary of what subscribers can read. A route file names its event in the
 * esignon-events Kamelet, so routes/ shows which exports go where; the receive transaction
 * queues an export for every subscriber of every event it belongs to. Which exports belong to an event
 * is written once, as {@link Column} tests: read in Java for an arriving export ({@link #of}) and as
 * SQL for the stored ones a start-at: beginning subscriber starts with ({@link #exportCondition}).
 */
public enum Event {

    /** Every export that passed the filters. */
    EXPORT_ACCEPTED("export-accepted"),
    /** An export that passed the filters with status Complete: the contract is signed. */
    CONTRACT_COMPLETED("contract-completed", Column.equal("status", "Complete")),
    /** An export that passed the filters with worktype RT: a signer rejected the contract. */
    CONTRACT_REJECTED("contract-rejected", Column.equal("worktype", "RT")),
    /** An embed-mode export that passed the filters with the next signer's play_url. */
    SIGNING_LINK("signing-link", Column.isTrue("embed_mode"), Column.notBlank("play_url")),
    /** A file of a completed contract now in the archive (its id is the archive_file row's, not an export). */
    DOCUMENT_ARCHIVED("document-archived", (Column[]) null);

    private final String id;
    private final List<Column> tests;

    Event(String id, Column... tests) {
        this.id = id;
        // every event of exports asks first that the export passed the filters
        this.tests = tests == null ? null : Stream.concat(Stream.of(Column.isTrue("passed")), Arrays.stream(tests)).toList();
    }

    public String id() {
        return id;
    }

    /** Whether its deliveries are exports (every event but document-archived). */
    public boolean ofExports() {
        return tests != null;
    }

    /** The SQL condition on {@code esignon_export e}: the stored exports of this event. */
    String exportCondition() {
        requireExports();
        return tests.stream().map(Column::sql).collect(Collectors.joining(" AND "));
    }

    /** Whether a stored export (column name to value, as {@code esignon_export} holds it) belongs to this event. */
    boolean takes(Map<String, Object> export) {
        requireExports();
        return tests.stream().allMatch(test -> test.holds(export));
    }

    /** The events an export belongs to (none when it did not pass the filters). */
    public static List<Event> of(Map<String, Object> export) {
        return Arrays.stream(values()).filter(Event::ofExports).filter(event -> event.takes(export)).toList();
    }

    public static Event named(String id) {
        return Arrays.stream(values()).filter(event -> event.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown event '" + id + "': use one of "
                        + Arrays.stream(values()).map(Event::id).toList()));
    }

    private void requireExports() {
        if (tests == null) {
            throw new IllegalStateException(id + " is not an event of exports");
        }
    }

    /** One test on one column of {@code esignon_export}, in the two languages it is asked in. */
    record Column(String name, Test test, String value) {

        enum Test { EQUAL, TRUE, NOT_BLANK }

        static Column equal(String name, String value) {
            return new Column(name, Test.EQUAL, value);
        }

        static Column isTrue(String name) {
            return new Column(name, Test.TRUE, null);
        }

        static Column notBlank(String name) {
            return new Column(name, Test.NOT_BLANK, null);
        }

        /** Column names and values are this class's constants, never input: no parameters needed. */
        String sql() {
            return switch (test) {
                case EQUAL -> "e." + name + " = '" + value + "'";
                case TRUE -> "e." + name + " = TRUE";
                case NOT_BLANK -> "e." + name + " IS NOT NULL AND TRIM(e." + name + ") <> ''";
            };
        }

        boolean holds(Map<String, Object> export) {
            Object actual = export.get(name);
            return switch (test) {
                case EQUAL -> value.equals(actual);
                case TRUE -> Boolean.TRUE.equals(actual);
                case NOT_BLANK -> actual != null && !actual.toString().isBlank();
            };
        }
    }
}
