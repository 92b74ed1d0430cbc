-- Migration number: 0026 	 2026-12-03T09:00:00.000Z
-- NextEngine stock uploads go out under NextEngine's own 商品コード (seed 001 ③ ④ with ⑥). A line whose
-- SKU NextEngine does not have (or, under ⑥, has under two codes that differ only in case) is left out
-- of the CSV and kept here as skipped with the reason, so one unknown code never sinks the others.
-- Two statuses join: 'skipped' (every line was left out: nothing was sent) and 'discarded' (held for
-- review and closed unsent by the merchant — kept apart from 'failed', which NextEngine refused and
-- which may be resent). SQLite cannot change a CHECK in place, so the table is rebuilt.
CREATE TABLE nextengine_stock_uploads_next (
  id TEXT PRIMARY KEY,
  merchant_id TEXT NOT NULL,
  connection_id TEXT NOT NULL REFERENCES connections(id),
  from_movement INTEGER NOT NULL,
  to_movement INTEGER NOT NULL,
  lines TEXT NOT NULL,            -- JSON [{ goodsId (NextEngine's code), delta, code (Renkei's), skuId }]
  skipped TEXT NOT NULL DEFAULT '[]',  -- JSON [{ code (Renkei's), skuId, delta, reason }]: left out of the CSV
  stock_before TEXT,
  que_high_water INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL CHECK (status IN ('sending', 'unknown', 'queued', 'applied', 'failed', 'review', 'skipped', 'discarded')),
  que_id TEXT,
  que_message TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
INSERT INTO nextengine_stock_uploads_next (id, merchant_id, connection_id, from_movement, to_movement, lines, stock_before, que_high_water, status, que_id, que_message, attempts, error, created_at, updated_at)
  SELECT id, merchant_id, connection_id, from_movement, to_movement, lines, stock_before, que_high_water, status, que_id, que_message, attempts, error, created_at, updated_at
  FROM nextengine_stock_uploads;
DROP TABLE nextengine_stock_uploads;
ALTER TABLE nextengine_stock_uploads_next RENAME TO nextengine_stock_uploads;
CREATE UNIQUE INDEX nextengine_stock_uploads_open ON nextengine_stock_uploads (connection_id) WHERE status IN ('sending', 'unknown', 'queued');
CREATE INDEX nextengine_stock_uploads_link ON nextengine_stock_uploads (merchant_id, connection_id, created_at);
