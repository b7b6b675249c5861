-- When an instance running the subscriber's route last said so (UTC). Each instance marks the
-- subscribers whose routes it runs, a few times per esignon.delivery.retire-after; a subscriber not
-- seen for that long (its route was removed) is retired: nothing new is queued for it. Its route
-- deployed again marks it seen, and it is active again.
ALTER TABLE subscriber ADD COLUMN seen_at ${timestamp};
UPDATE subscriber SET seen_at = created_at;
