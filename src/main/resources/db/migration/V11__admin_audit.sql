-- Who did what on the admin page and API: sign-ins (and failed ones), replays, reads of rejected
-- bodies, denials of a signed-in operator. Never a token or a secret. All times are UTC.
CREATE TABLE admin_audit (
    id       ${identity} PRIMARY KEY,
    at       ${timestamp}  NOT NULL,
    -- the operator's e-mail (or name) from the provider, "admin token", or "-" when unknown
    who      VARCHAR(320)  NOT NULL,
    -- operator, viewer, or none
    role     VARCHAR(16)   NOT NULL,
    -- sign_in, sign_in_failed, sign_out, replay, replay_parked, read_rejected, denied
    action   VARCHAR(32)   NOT NULL,
    -- what it was done to: a subscriber and item, a subscriber, a path
    target   VARCHAR(255),
    -- the caller's address (the TLS proxy's X-Forwarded-For with server.forward-headers-strategy)
    address  VARCHAR(64),
    detail   VARCHAR(1000)
) ${table_options};

CREATE INDEX ix_admin_audit_at ON admin_audit (at);
