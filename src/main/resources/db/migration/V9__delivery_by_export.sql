-- The trail of a contract reads each export's deliveries (admin page and API).
CREATE INDEX ix_delivery_export ON delivery (export_id);
