-- One name per idea (issue 18): a subscriber follows an event (was "seam"); a delivery is one event
-- owed to one subscriber, keyed by the event's id (was "item_id"); "refused" is left to the
-- webhook's answer: a delivery that cannot be taken is undeliverable, a file the archive will not
-- take is declined. The index ix_subscriber_seam follows its column; its name stays (no statement
-- renames an index on all three databases).
ALTER TABLE subscriber RENAME COLUMN seam TO event;
ALTER TABLE delivery RENAME COLUMN item_id TO event_id;

UPDATE delivery SET last_failure = 'undeliverable' WHERE last_failure = 'refused';
UPDATE delivery SET last_error = LEFT(CONCAT('undeliverable',
        SUBSTRING(REPLACE(last_error, 'ItemRefusedException', 'UndeliverableException'), 8)), 1000)
    WHERE last_error LIKE 'refused:%';

UPDATE archive_file SET state = 'declined' WHERE state = 'refused';
