-- Seams: staff routes subscribe to stored exports (or archived files) through the esignon-seam
-- Kamelet. A subscriber starts with what arrives after it first ran (since_id); each item is
-- delivered to it once, and an item whose delivery failed is tried again later.
CREATE TABLE seam_subscriber (
    subscriber VARCHAR(100) NOT NULL,
    seam       VARCHAR(40)  NOT NULL,
    since_id   BIGINT       NOT NULL,
    created_at ${timestamp} NOT NULL,
    CONSTRAINT pk_seam_subscriber PRIMARY KEY (subscriber)
) ${table_options};

CREATE TABLE seam_delivery (
    subscriber      VARCHAR(100) NOT NULL,
    item_id         BIGINT       NOT NULL,
    -- delivered, or retrying (failed; tried again at next_attempt_at)
    state           VARCHAR(16)  NOT NULL,
    attempts        INT          NOT NULL,
    next_attempt_at ${timestamp},
    delivered_at    ${timestamp},
    last_error      VARCHAR(1000),
    CONSTRAINT pk_seam_delivery PRIMARY KEY (subscriber, item_id)
) ${table_options};
