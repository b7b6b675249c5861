-- A rejected body is kept byte for byte: it may not be UTF-8 (EUC-KR is common in Korea) or may hold 0x00.
-- H2 converts existing text to its UTF-8 bytes.
ALTER TABLE esignon_rejected_export ALTER COLUMN raw_body SET DATA TYPE BINARY VARYING;
