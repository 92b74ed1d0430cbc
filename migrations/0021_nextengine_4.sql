-- Migration number: 0021 	 2026-12-01T09:00:00.000Z
-- 再送 of 出荷確定 reports (seed 001 ①/②): a merchant replays, from the link's page, the orders whose report
-- ended 'lock-busy' (the order kept changing in NextEngine) or 'refused'. One row per replay request (its
-- idempotency key) and order: the same request sent again finds its rows and replays nothing more, and an
-- order waits in at most one replay at a time (the partial unique index), so two clicks never report it
-- twice. The outcome lands here and in nextengine_shipment_reports (the order's latest result).
CREATE TABLE nextengine_shipment_replays (
  merchant_id TEXT NOT NULL,
  connection_id TEXT NOT NULL REFERENCES connections(id),
  idempotency_key TEXT NOT NULL,
  order_id TEXT NOT NULL,
  run_id TEXT,
  status TEXT NOT NULL CHECK (status IN ('pending', 'done')),
  outcome TEXT,
  requested_at TEXT NOT NULL,
  finished_at TEXT,
  PRIMARY KEY (connection_id, idempotency_key, order_id)
);
CREATE UNIQUE INDEX nextengine_shipment_replays_waiting ON nextengine_shipment_replays (connection_id, order_id) WHERE status = 'pending';
CREATE INDEX nextengine_shipment_replays_order ON nextengine_shipment_replays (merchant_id, connection_id, order_id, requested_at);
