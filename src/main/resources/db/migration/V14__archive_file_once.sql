-- One row per file of an export (export_id, kind), made a rule: two instances finishing the same
-- contract (the first one's claim ran out while it was archiving) used to record the file twice, and
-- hand it to the document-archived subscribers twice. The later rows and their deliveries go; the
-- first row stands (the file itself was placed once: an archive name is never replaced).
DELETE FROM delivery
WHERE subscriber IN (SELECT name FROM subscriber WHERE event = 'document-archived')
  AND event_id IN (SELECT id FROM (SELECT later.id FROM archive_file later
                                   WHERE EXISTS (SELECT 1 FROM archive_file first
                                                 WHERE first.export_id = later.export_id
                                                   AND first.kind = later.kind AND first.id < later.id)) twice);
DELETE FROM archive_file
WHERE id IN (SELECT id FROM (SELECT later.id FROM archive_file later
                             WHERE EXISTS (SELECT 1 FROM archive_file first
                                           WHERE first.export_id = later.export_id
                                             AND first.kind = later.kind AND first.id < later.id)) twice);
CREATE UNIQUE INDEX ux_archive_file_export_kind ON archive_file (export_id, kind);
