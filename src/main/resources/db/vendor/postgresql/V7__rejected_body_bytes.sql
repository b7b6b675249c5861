-- A rejected body is kept byte for byte: it may not be UTF-8 (EUC-KR is common in Korea) or may hold 0x00,
-- which PostgreSQL text cannot. Existing rows were UTF-8 text.
ALTER TABLE esignon_rejected_export ALTER COLUMN raw_body TYPE BYTEA USING convert_to(raw_body, 'UTF8');
