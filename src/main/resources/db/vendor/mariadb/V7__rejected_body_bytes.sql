-- A rejected body is kept byte for byte: it may not be UTF-8 (EUC-KR is common in Korea) or may hold 0x00.
-- MODIFY keeps the existing rows' utf8mb4 bytes.
ALTER TABLE esignon_rejected_export MODIFY raw_body LONGBLOB NOT NULL;

-- utf8mb4_bin pads with spaces when comparing, so params "emp" and "emp " were the same key and the
-- second failed the primary key; NO PAD compares them as the distinct names they are.
ALTER TABLE esignon_export_param MODIFY param_id VARCHAR(200) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL;
