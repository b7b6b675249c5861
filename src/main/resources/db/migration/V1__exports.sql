-- Every distinct export eSignon delivered, with its filter outcome.
-- Placeholders (identity, timestamp, text, table_options) hold the few types that differ between H2, PostgreSQL and MariaDB
-- (see SchemaVendorTypes); everything else is plain SQL that all three accept.
CREATE TABLE esignon_export (
    id              ${identity} PRIMARY KEY,
    -- SHA-256 of clientid, wfuid, processid, actionid, worktype, status, workdatetime:
    -- one column so the unique constraint also covers exports where some of them are absent
    dedupe_key      CHAR(64)      NOT NULL,
    received_at     ${timestamp}  NOT NULL,
    request_code    VARCHAR(255),
    session_id      VARCHAR(255),
    clientid        VARCHAR(255),
    wfuid           VARCHAR(255)  NOT NULL,
    wfluid          VARCHAR(255),
    processid       VARCHAR(255),
    actionid        VARCHAR(255),
    requestid       VARCHAR(255),
    worktype        VARCHAR(64)   NOT NULL,
    status          VARCHAR(64)   NOT NULL,
    workdatetime    ${timestamp},
    useremail       VARCHAR(320),
    opinion         ${text},
    user_name       VARCHAR(255),
    next_play_user  VARCHAR(320),
    next_user_name  VARCHAR(255),
    play_url        VARCHAR(2048),
    cert_url        VARCHAR(2048),
    download_url    VARCHAR(2048),
    embed_mode      BOOLEAN       NOT NULL,
    passed          BOOLEAN       NOT NULL,
    excluded_reason VARCHAR(500),
    raw_body        ${text}       NOT NULL,
    CONSTRAINT uq_esignon_export_dedupe UNIQUE (dedupe_key)
) ${table_options};

CREATE INDEX ix_esignon_export_wfuid ON esignon_export (wfuid);

-- The request_params of the start call: every body key that is not a documented field,
-- in the order it came, plus declared params that were missing (param_value NULL).
CREATE TABLE esignon_export_param (
    export_id   BIGINT       NOT NULL,
    param_order INT          NOT NULL,
    param_id    VARCHAR(200) NOT NULL,
    param_value ${text},
    CONSTRAINT pk_esignon_export_param PRIMARY KEY (export_id, param_id),
    CONSTRAINT fk_esignon_export_param_export FOREIGN KEY (export_id) REFERENCES esignon_export (id)
) ${table_options};

-- Bodies from an authenticated caller that were not a valid export, kept with the reason.
CREATE TABLE esignon_rejected_export (
    id           ${identity} PRIMARY KEY,
    received_at  ${timestamp}  NOT NULL,
    reason       VARCHAR(500)  NOT NULL,
    content_type VARCHAR(255),
    raw_body     ${text}       NOT NULL
) ${table_options};
