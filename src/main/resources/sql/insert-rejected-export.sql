INSERT INTO esignon_rejected_export (received_at, reason, content_type, raw_body)
VALUES (:#received_at, :#reason, :#content_type, :#raw_body)
