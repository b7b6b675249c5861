-- What the last failed attempt meant (DeliveryFailure.Kind): not-applied or unknown-outcome (retried
-- until it goes through, never parked for it), refused (parked alone), failed (parked after
-- max-attempts). Health and the metrics show it as the cause of a late subscriber.
ALTER TABLE delivery ADD COLUMN last_failure VARCHAR(20);
