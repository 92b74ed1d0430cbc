-- Rakuten RMS + RSL, second slice (issue 7).
--
-- 1. An RSL request can be cancelled (cancel / delete in Renkei of an order already requested at RSL
--    cancels it at RSL first, before picking). SQLite cannot widen a CHECK: the table is rebuilt with
--    the same columns, keys and indexes (nothing references it).
CREATE TABLE rsl_requests_new (
  merchant_id TEXT NOT NULL,
  connection_id TEXT NOT NULL REFERENCES connections(id),   -- the Rakuten link
  request_key TEXT NOT NULL,
  order_id TEXT NOT NULL REFERENCES orders(id),
  order_number TEXT NOT NULL,
  basket_id INTEGER NOT NULL,
  shipment_id TEXT NOT NULL,      -- Renkei's shipment holding exactly the lines sent
  body TEXT NOT NULL,             -- the RslShipmentRequest, byte-identical on every resend
  state TEXT NOT NULL CHECK (state IN ('pending', 'accepted', 'shipped', 'failed', 'cancelled')),
  attempts INTEGER NOT NULL DEFAULT 0,
  rsl_shipment_id TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (connection_id, request_key)
) WITHOUT ROWID;
INSERT INTO rsl_requests_new SELECT merchant_id, connection_id, request_key, order_id, order_number, basket_id, shipment_id, body, state,
  attempts, rsl_shipment_id, last_error, created_at, updated_at FROM rsl_requests;
DROP TABLE rsl_requests;
ALTER TABLE rsl_requests_new RENAME TO rsl_requests;
CREATE INDEX rsl_requests_order ON rsl_requests (merchant_id, order_id);
CREATE INDEX rsl_requests_state ON rsl_requests (connection_id, state);

-- 2. Orders cancelled in RMS after the import are followed: when Renkei saw the cancellation, and why
--    it could not follow it (RSL already picking) — the latter is listed for review.
ALTER TABLE rakuten_orders ADD COLUMN rms_cancelled_at TEXT;
ALTER TABLE rakuten_orders ADD COLUMN cancel_error TEXT;
