-- Migration number: 0007 	 2026-11-28T09:00:00.000Z
-- NextEngine stock uploads (seed 001 ③ 出荷確定でマイナス, ④ 入荷確定でプラス). zaiko_su adds or
-- subtracts, so an upload is not idempotent: each CSV sent is a row here, carrying the ledger range
-- it covers, so no movement is counted twice, and what NextEngine said about it (que_id, status).
CREATE TABLE nextengine_stock_uploads (
  id TEXT PRIMARY KEY,
  merchant_id TEXT NOT NULL,
  connection_id TEXT NOT NULL REFERENCES connections(id),
  -- stock_movements.id in (from_movement, to_movement]
  from_movement INTEGER NOT NULL,
  to_movement INTEGER NOT NULL,
  lines TEXT NOT NULL,            -- JSON [{ goodsId, delta }]
  stock_before TEXT,              -- JSON { goodsId: stock_quantity } read from master_stock just before sending
  que_high_water INTEGER NOT NULL DEFAULT 0,  -- the highest que_id this link knew of before sending
  -- sending: sent or about to be, no answer yet; unknown: sent, the answer was lost (reconcile first);
  -- queued: NextEngine took it (que_id); applied / failed: the upload queue's outcome;
  -- review: reconciliation could not tell, held for the merchant (never resent by itself)
  status TEXT NOT NULL CHECK (status IN ('sending', 'unknown', 'queued', 'applied', 'failed', 'review')),
  que_id TEXT,
  que_message TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
-- One upload at a time per link: at most one that is not settled.
CREATE UNIQUE INDEX nextengine_stock_uploads_open ON nextengine_stock_uploads (connection_id) WHERE status IN ('sending', 'unknown', 'queued');
CREATE INDEX nextengine_stock_uploads_link ON nextengine_stock_uploads (merchant_id, connection_id, created_at);
