-- Files of completed contracts: the signed PDF (kind 'document', from download_url) and the audit
-- certificate (kind 'certificate', from cert_url). Queued in the transaction that stores a Complete
-- export that passed the filters; the archive route works through the pending ones.
CREATE TABLE archive_file (
    id              ${identity} PRIMARY KEY,
    export_id       BIGINT        NOT NULL,
    wfuid           VARCHAR(255)  NOT NULL,
    kind            VARCHAR(16)   NOT NULL,
    source_url      VARCHAR(2048) NOT NULL,
    -- pending, archived, viewer_link (an HTML viewer page: not archived, the URL is kept),
    -- refused (not allowed, too large, not a PDF: never retried), failed (retries used up),
    -- already_archived (the same document was archived from an earlier export)
    state           VARCHAR(20)   NOT NULL,
    stored_path     VARCHAR(1024),
    size_bytes      BIGINT,
    sha256          CHAR(64),
    content_type    VARCHAR(255),
    fetched_at      ${timestamp},
    queued_at       ${timestamp}  NOT NULL,
    attempts        INT           NOT NULL,
    next_attempt_at ${timestamp},
    last_error      VARCHAR(1000),
    CONSTRAINT fk_archive_file_export FOREIGN KEY (export_id) REFERENCES esignon_export (id)
) ${table_options};

CREATE INDEX ix_archive_file_state ON archive_file (state, next_attempt_at);
CREATE INDEX ix_archive_file_document ON archive_file (wfuid, kind, state);
