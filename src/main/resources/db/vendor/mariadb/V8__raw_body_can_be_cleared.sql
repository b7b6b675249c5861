-- Retention (esignon.retention.raw-bodies) clears old raw bodies: esignon_export.raw_body becomes NULL-able.
ALTER TABLE esignon_export MODIFY raw_body LONGTEXT NULL;
