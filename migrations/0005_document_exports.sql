-- Store documents an ERP link must receive (seed 003 §4: every store document goes to the ERP).
-- Filled by triggers in the same statement that writes the document, so no code path that takes
-- or posts a document can forget one; sent by the link's export job, in order, each exactly once
-- (the ERP's own keys — tid, outer_no, api_outer_no — make a resend harmless).
ALTER TABLE connections ADD COLUMN exports_documents INTEGER NOT NULL DEFAULT 0 CHECK (exports_documents IN (0, 1));
-- What the last check of the link found (JSON), and the error that stopped it, for the admin.
ALTER TABLE connections ADD COLUMN checks TEXT;
ALTER TABLE connections ADD COLUMN last_error TEXT;

-- 0001 sketched a document_exports table that nothing ever wrote; this one replaces it.
DROP TABLE IF EXISTS document_exports;
CREATE TABLE document_exports (
  id INTEGER PRIMARY KEY,        -- order of arrival: the ERP sees documents in the order they happened
  merchant_id TEXT NOT NULL,
  connection_id TEXT NOT NULL REFERENCES connections(id),
  document_id TEXT NOT NULL,
  -- sale: a trade; goods_out: 其他出库 (exchange goods given); goods_in: 其他入库 (returns / exchanges
  -- received by the store back office, receipts of deliveries Renkei created); stocktake: 盘点
  event TEXT NOT NULL CHECK (event IN ('sale', 'goods_out', 'goods_in', 'stocktake')),
  queued_at TEXT NOT NULL,
  sent_at TEXT,
  external_no TEXT,              -- the ERP's number (or 'skipped: …' when nothing needed sending)
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  UNIQUE (connection_id, document_id, event)
);
CREATE INDEX document_exports_pending ON document_exports (connection_id, id) WHERE sent_at IS NULL;

-- Links that export documents and cover the document's location (external_links 'location').
CREATE TRIGGER store_document_exports_taken AFTER INSERT ON store_documents
WHEN NEW.kind IN ('sale', 'exchange', 'receipt')
BEGIN
  INSERT INTO document_exports (merchant_id, connection_id, document_id, event, queued_at)
  SELECT NEW.merchant_id, c.id, NEW.id,
         CASE NEW.kind WHEN 'sale' THEN 'sale' WHEN 'exchange' THEN 'goods_out' ELSE 'goods_in' END, NEW.received_at
  FROM connections c
  JOIN external_links el ON el.connection_id = c.id AND el.entity = 'location' AND el.renkei_id = NEW.location_id
  WHERE c.merchant_id = NEW.merchant_id AND c.exports_documents = 1 AND c.status IN ('authorized', 'started', 'stopped')
    -- a delivery that came from this ERP is not sent back to it
    AND (NEW.kind <> 'receipt' OR NOT EXISTS (
      SELECT 1 FROM external_links d WHERE d.connection_id = c.id AND d.entity = 'document' AND d.renkei_id = NEW.reference_id))
  ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER store_document_exports_posted AFTER UPDATE OF status ON store_documents
WHEN NEW.status = 'posted' AND OLD.status <> 'posted' AND NEW.kind IN ('return', 'exchange', 'stocktake_submission')
BEGIN
  INSERT INTO document_exports (merchant_id, connection_id, document_id, event, queued_at)
  SELECT NEW.merchant_id, c.id, NEW.id, CASE NEW.kind WHEN 'stocktake_submission' THEN 'stocktake' ELSE 'goods_in' END, NEW.posted_at
  FROM connections c
  JOIN external_links el ON el.connection_id = c.id AND el.entity = 'location' AND el.renkei_id = NEW.location_id
  WHERE c.merchant_id = NEW.merchant_id AND c.exports_documents = 1 AND c.status IN ('authorized', 'started', 'stopped')
  ON CONFLICT DO NOTHING;
END;

-- The daily stock sync of an ERP link (seed 003 §5): per SKU and location, what each side had,
-- the difference and what the sync did about it — the drift report of the admin.
CREATE TABLE stock_sync_drift (
  run_id TEXT NOT NULL,
  merchant_id TEXT NOT NULL,
  connection_id TEXT NOT NULL REFERENCES connections(id),
  location_id TEXT NOT NULL,
  sku_id TEXT NOT NULL,
  code TEXT NOT NULL,
  renkei INTEGER NOT NULL,
  erp INTEGER,                   -- null when the ERP's figure was not read (it changed only in Renkei)
  difference INTEGER,
  -- renkei_set: Renkei brought to the ERP's figure; erp_set: the ERP brought to Renkei's; none: equal
  action TEXT NOT NULL CHECK (action IN ('renkei_set', 'erp_set', 'none', 'unknown_sku')),
  at TEXT NOT NULL,
  PRIMARY KEY (run_id, location_id, sku_id)
) WITHOUT ROWID;
CREATE INDEX stock_sync_drift_connection ON stock_sync_drift (merchant_id, connection_id, at);
