-- Migration number: 0015 	 2026-11-30T09:00:00.000Z
-- A delivery (入荷予定) is received once. The admin's receiving desk and a store's POS may confirm the
-- same delivery at the same moment; each reads it as pending before writing, so a status check made
-- before the write cannot stop the second. This trigger makes the check part of the write: moving an
-- inbound that is no longer pending to 'received' aborts the whole D1 batch, its stock movements included.
-- Writers update the inbound without a status filter, so the trigger sees every late confirmation.
CREATE TRIGGER store_documents_inbound_received_once
BEFORE UPDATE OF status ON store_documents
WHEN OLD.kind = 'inbound' AND OLD.status <> 'pending' AND NEW.status = 'received'
BEGIN
  SELECT RAISE(ABORT, 'INBOUND_ALREADY_RECEIVED');
END;

-- ① / ② per order: what reporting 出荷確定 back to NextEngine did for each order of a link (the latest
-- attempt), for the link's page: marked 出荷済み, already so, cancelled there, refused (with NextEngine's
-- words), or left for the next run because the order kept changing (lock-busy). An order shipped in parts
-- is reported once, when its last part ships: tracking_number is the number NextEngine got (the part that
-- completed the order), other_tracking the other parts' numbers, kept here because NextEngine's
-- 発送伝票番号 holds one.
CREATE TABLE nextengine_shipment_reports (
  merchant_id TEXT NOT NULL,
  connection_id TEXT NOT NULL REFERENCES connections(id),
  order_id TEXT NOT NULL,
  receive_order_id TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('shipped', 'already-shipped', 'cancelled', 'refused', 'lock-busy')),
  detail TEXT,
  tracking_number TEXT,
  tracking_written INTEGER NOT NULL DEFAULT 0,
  other_tracking TEXT NOT NULL DEFAULT '[]',  -- JSON [tracking number]
  attempts INTEGER NOT NULL DEFAULT 1,
  reported_at TEXT NOT NULL,
  PRIMARY KEY (connection_id, order_id)
);
CREATE INDEX nextengine_shipment_reports_link ON nextengine_shipment_reports (merchant_id, connection_id, reported_at);
