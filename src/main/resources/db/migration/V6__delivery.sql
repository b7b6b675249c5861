-- The delivery engine: every sink (the sheet, the archive, the signing-link hand-off, staff routes)
-- is a named subscriber of one seam, and what each subscriber still has to do is a row of delivery.
-- Replaces the per-sink queues of V2-V5 (sheet_row, sheet_batch, signer_handoff, seam_subscriber,
-- seam_delivery and archive_file's queue columns); their pending work is moved here first.

-- One row per subscriber, registered when its route is deployed (before the webhook accepts exports).
CREATE TABLE subscriber (
    name        VARCHAR(100) NOT NULL,   -- the Kamelet's subscriber parameter, e.g. sheet, archive, handoff
    -- export-accepted, contract-completed, contract-rejected, signing-link, document-archived
    seam        VARCHAR(40)  NOT NULL,
    -- beginning (every stored item was queued at registration) or now (only what arrives after it)
    start_at    VARCHAR(16)  NOT NULL,
    created_at  ${timestamp} NOT NULL,
    -- single-writer subscribers (the sheet): the instance that may deliver, until lease_until (UTC)
    lease_owner VARCHAR(200),
    lease_until ${timestamp},
    CONSTRAINT pk_subscriber PRIMARY KEY (name)
) ${table_options};

CREATE INDEX ix_subscriber_seam ON subscriber (seam);

-- One row per item and subscriber, inserted in the transaction that stores the item (fan-out).
-- item_id is the export id, or archive_file.id for document-archived. All times are UTC.
CREATE TABLE delivery (
    subscriber      VARCHAR(100) NOT NULL,
    item_id         BIGINT       NOT NULL,
    export_id       BIGINT       NOT NULL,
    -- pending (to do, or retried at next_attempt_at), delivered, parked (gave up: see last_error;
    -- Deliveries.replay sets it back to pending)
    state           VARCHAR(16)  NOT NULL,
    -- attempts begun (counted when claimed, so a crash mid-delivery counts too)
    attempts        INT          NOT NULL,
    next_attempt_at ${timestamp} NOT NULL,
    -- the instance that claimed it last (for a delivered item: delivered it) and until when the claim
    -- holds; an expired claim is claimable again
    claimed_by      VARCHAR(200),
    claimed_until   ${timestamp},
    last_error      VARCHAR(1000),
    created_at      ${timestamp} NOT NULL,
    delivered_at    ${timestamp},
    CONSTRAINT pk_delivery PRIMARY KEY (subscriber, item_id)
) ${table_options};

-- "which subscribers have due work" (one shared query per poll interval)
CREATE INDEX ix_delivery_due ON delivery (state, next_attempt_at, subscriber);

-- This installation, one row (name 'this'): its id, generated on first start, is written in the
-- sheet's row_key column with the export id, so that a sheet reused by another installation or
-- after a move to another database (ids starting again at 1) is never mistaken for this one's rows.
CREATE TABLE installation (
    name       VARCHAR(20)  NOT NULL,
    id         VARCHAR(36)  NOT NULL,
    created_at ${timestamp} NOT NULL,
    CONSTRAINT pk_installation PRIMARY KEY (name)
) ${table_options};

-- Pending work of V2-V5, moved. A moment long past marks it due at once.
INSERT INTO subscriber (name, seam, start_at, created_at)
SELECT subscriber, seam, 'now', created_at FROM seam_subscriber;

INSERT INTO delivery (subscriber, item_id, export_id, state, attempts, next_attempt_at, last_error, created_at)
SELECT s.subscriber, e.id, e.id, 'pending', COALESCE(d.attempts, 0), TIMESTAMP '2000-01-01 00:00:00', d.last_error, e.received_at
FROM seam_subscriber s
JOIN esignon_export e ON e.id >= s.since_id AND e.passed = TRUE
LEFT JOIN seam_delivery d ON d.subscriber = s.subscriber AND d.item_id = e.id
WHERE (d.state IS NULL OR d.state <> 'delivered')
  AND (s.seam = 'export-accepted'
       OR (s.seam = 'contract-completed' AND e.status = 'Complete')
       OR (s.seam = 'contract-rejected' AND e.worktype = 'RT'));

INSERT INTO delivery (subscriber, item_id, export_id, state, attempts, next_attempt_at, last_error, created_at)
SELECT s.subscriber, f.id, f.export_id, 'pending', COALESCE(d.attempts, 0), TIMESTAMP '2000-01-01 00:00:00', d.last_error, f.queued_at
FROM seam_subscriber s
JOIN archive_file f ON f.id >= s.since_id AND f.state = 'archived'
LEFT JOIN seam_delivery d ON d.subscriber = s.subscriber AND d.item_id = f.id
WHERE s.seam = 'document-archived' AND (d.state IS NULL OR d.state <> 'delivered');

-- The sheet: attempts > 0 make the sheet read its key column before sending again
INSERT INTO subscriber (name, seam, start_at, created_at)
SELECT 'sheet', 'export-accepted', 'now', MIN(queued_at) FROM sheet_row HAVING COUNT(*) > 0;

INSERT INTO delivery (subscriber, item_id, export_id, state, attempts, next_attempt_at, last_error, created_at)
SELECT 'sheet', r.export_id, r.export_id, 'pending', COALESCE(b.attempts, 0), TIMESTAMP '2000-01-01 00:00:00', r.last_error, r.queued_at
FROM sheet_row r LEFT JOIN sheet_batch b ON b.id = r.batch_id
WHERE r.sent_at IS NULL;

-- The archive: one item per completed export; failed files are parked
INSERT INTO subscriber (name, seam, start_at, created_at)
SELECT 'archive', 'contract-completed', 'now', MIN(queued_at) FROM archive_file HAVING COUNT(*) > 0;

INSERT INTO delivery (subscriber, item_id, export_id, state, attempts, next_attempt_at, last_error, created_at)
SELECT 'archive', export_id, export_id,
       CASE WHEN SUM(CASE WHEN state = 'pending' THEN 1 ELSE 0 END) > 0 THEN 'pending' ELSE 'parked' END,
       MAX(attempts), TIMESTAMP '2000-01-01 00:00:00', MAX(last_error), MIN(queued_at)
FROM archive_file WHERE state IN ('pending', 'failed') GROUP BY export_id;

DELETE FROM archive_file WHERE state IN ('pending', 'failed');

-- The signing-link hand-off; failed hand-offs are parked
INSERT INTO subscriber (name, seam, start_at, created_at)
SELECT 'handoff', 'signing-link', 'now', MIN(queued_at) FROM signer_handoff HAVING COUNT(*) > 0;

INSERT INTO delivery (subscriber, item_id, export_id, state, attempts, next_attempt_at, last_error, created_at)
SELECT 'handoff', export_id, export_id, CASE WHEN state = 'failed' THEN 'parked' ELSE 'pending' END,
       attempts, TIMESTAMP '2000-01-01 00:00:00', last_error, queued_at
FROM signer_handoff WHERE state IN ('pending', 'failed');

DROP TABLE seam_delivery;
DROP TABLE seam_subscriber;
DROP TABLE sheet_row;
DROP TABLE sheet_batch;
DROP TABLE signer_handoff;

-- archive_file is now the record of what became of each file: archived, viewer_link, refused or
-- already_archived (fed to document-archived subscribers when archived); no longer a queue.
DROP INDEX ix_archive_file_state ${on_archive_file};
ALTER TABLE archive_file DROP COLUMN next_attempt_at;
ALTER TABLE archive_file DROP COLUMN attempts;
ALTER TABLE archive_file DROP COLUMN queued_at;
