-- Embed mode: eSignon sends no message to signers, so the company hands play_url to next_play_user.
-- One row per passing embed export that carries play_url, queued in the transaction that stores it;
-- message is the JSON handed to esignon.embed.handoff-uri.
CREATE TABLE signer_handoff (
    export_id       BIGINT        NOT NULL,
    queued_at       ${timestamp}  NOT NULL,
    -- pending, sent, failed (retries used up)
    state           VARCHAR(16)   NOT NULL,
    message         ${text}       NOT NULL,
    attempts        INT           NOT NULL,
    next_attempt_at ${timestamp},
    sent_at         ${timestamp},
    sent_to         VARCHAR(1000),
    last_error      VARCHAR(1000),
    CONSTRAINT pk_signer_handoff PRIMARY KEY (export_id),
    CONSTRAINT fk_signer_handoff_export FOREIGN KEY (export_id) REFERENCES esignon_export (id)
) ${table_options};

CREATE INDEX ix_signer_handoff_state ON signer_handoff (state, next_attempt_at);
