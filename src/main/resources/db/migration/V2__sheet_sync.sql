-- Exports waiting for, or written to, the Google Sheet. A row is queued in the transaction that
-- stores its export (when esignon.sheets.enabled) and is pending until sent_at is set.
CREATE TABLE sheet_batch (
    id              ${identity} PRIMARY KEY,
    created_at      ${timestamp}  NOT NULL,
    -- attempts > 0 with sent_at NULL: an earlier append may have been applied by Google, so the
    -- next attempt first reads the sheet's export id column (reconciliation)
    attempts        INT           NOT NULL,
    last_attempt_at ${timestamp},
    -- after an error that retrying cannot fix, the batch is not tried again before this
    next_attempt_at ${timestamp},
    sent_at         ${timestamp},
    updated_range   VARCHAR(255),
    last_error      VARCHAR(1000)
) ${table_options};

CREATE TABLE sheet_row (
    export_id  BIGINT        NOT NULL,
    queued_at  ${timestamp}  NOT NULL,
    batch_id   BIGINT,
    sent_at    ${timestamp},
    last_error VARCHAR(1000),
    CONSTRAINT pk_sheet_row PRIMARY KEY (export_id),
    CONSTRAINT fk_sheet_row_export FOREIGN KEY (export_id) REFERENCES esignon_export (id),
    CONSTRAINT fk_sheet_row_batch FOREIGN KEY (batch_id) REFERENCES sheet_batch (id)
) ${table_options};

CREATE INDEX ix_sheet_row_pending ON sheet_row (sent_at, batch_id, export_id);
