-- Rakuten RMS + RSL, fourth slice (issue 7).
--
-- 注文確認 that RMS refused for one order is tried again on a later run, never in a tight loop: the
-- RMS message stays in confirm_error (listed for review) and confirm_retry_at says when the next try
-- is due, backing off with confirm_attempts. Rows refused before this migration (retry_at NULL) are
-- due at once, so an order an earlier version gave up on is tried again.
ALTER TABLE rakuten_orders ADD COLUMN confirm_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE rakuten_orders ADD COLUMN confirm_retry_at TEXT;
