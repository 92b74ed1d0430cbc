-- Migration number: 0019 	 2026-11-26T14:30:00.000Z
-- 冲单 (seed 003 §2.3.2: 「冲单、采购入库、入库单导入在ERP中生成其他入库单」): a posted POS sale rung up by
-- mistake is reversed in whole by a store document of its own kind, 'reversal', whose reference is
-- the sale. SQLite cannot alter a CHECK, so store_documents is rebuilt (as 0003 did) with the new
-- kind; its indexes and triggers (0004, 0005, 0013, 0015) come back as they were, and the export
-- trigger takes reversals as 其他入库 (goods_in).
CREATE TABLE store_documents_v3 (
  id TEXT PRIMARY KEY,
  merchant_id TEXT NOT NULL,
  location_id TEXT NOT NULL,
  device_id TEXT,
  staff_id TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('sale', 'return', 'exchange', 'stocktake', 'stocktake_submission', 'receipt', 'inbound', 'transfer', 'other_in', 'other_out', 'reversal')),
  number TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'received', 'submitted', 'approved', 'posted', 'rejected')),
  -- return / exchange / reversal → the original sale; receipt → the inbound; stocktake sheet → its submission
  reference_id TEXT,
  body TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  received_at TEXT NOT NULL,
  submitted_at TEXT,
  approved_at TEXT,
  posted_at TEXT,
  UNIQUE (merchant_id, location_id, kind, number)
);
INSERT INTO store_documents_v3 (id, merchant_id, location_id, device_id, staff_id, kind, number, status, reference_id, body, occurred_at, received_at, submitted_at, approved_at, posted_at)
  SELECT id, merchant_id, location_id, device_id, staff_id, kind, number, status, reference_id, body, occurred_at, received_at, submitted_at, approved_at, posted_at FROM store_documents;
DROP TABLE store_documents;
ALTER TABLE store_documents_v3 RENAME TO store_documents;

CREATE INDEX store_documents_reference ON store_documents (merchant_id, reference_id);
CREATE INDEX store_documents_recent ON store_documents (merchant_id, received_at, id);
CREATE INDEX store_documents_location_recent ON store_documents (merchant_id, location_id, received_at, id);
CREATE INDEX store_documents_merchant ON store_documents (merchant_id, kind, status, received_at, id);
-- One 冲单 per sale, whatever two desks do at the same moment.
CREATE UNIQUE INDEX store_documents_one_reversal ON store_documents (merchant_id, reference_id) WHERE kind = 'reversal';

-- A sale with a return or exchange against it is not reversed (the goods already came back once):
-- checked inside the write, so a return that lands between the reversal's read and its write
-- aborts the reversal's batch, its stock movements included.
CREATE TRIGGER store_documents_reversal_of_untouched_sale
BEFORE INSERT ON store_documents
WHEN NEW.kind = 'reversal'
BEGIN
  SELECT RAISE(ABORT, 'SALE_HAS_RETURN')
  WHERE EXISTS (SELECT 1 FROM store_documents r WHERE r.merchant_id = NEW.merchant_id AND r.reference_id = NEW.reference_id AND r.kind IN ('return', 'exchange'));
END;

-- 0015, as it was.
CREATE TRIGGER store_documents_inbound_received_once
BEFORE UPDATE OF status ON store_documents
WHEN OLD.kind = 'inbound' AND OLD.status <> 'pending' AND NEW.status = 'received'
BEGIN
  SELECT RAISE(ABORT, 'INBOUND_ALREADY_RECEIVED');
END;

-- 0013, with reversals (冲单 → 其他入库).
CREATE TRIGGER store_document_exports_taken AFTER INSERT ON store_documents
WHEN NEW.kind IN ('sale', 'exchange', 'receipt', 'other_out', 'transfer', 'reversal')
BEGIN
  INSERT INTO document_exports (merchant_id, connection_id, document_id, event, queued_at)
  SELECT NEW.merchant_id, c.id, NEW.id,
         CASE NEW.kind WHEN 'sale' THEN 'sale' WHEN 'receipt' THEN 'goods_in' WHEN 'reversal' THEN 'goods_in' ELSE 'goods_out' END, NEW.received_at
  FROM connections c
  JOIN external_links el ON el.connection_id = c.id AND el.entity = 'location' AND el.renkei_id = NEW.location_id
  WHERE c.merchant_id = NEW.merchant_id AND c.exports_documents = 1 AND c.status IN ('authorized', 'started', 'stopped')
    AND NOT EXISTS (
      SELECT 1 FROM external_links d WHERE d.connection_id = c.id AND d.entity = 'document'
        AND d.renkei_id = CASE NEW.kind WHEN 'receipt' THEN NEW.reference_id ELSE NEW.id END)
  ON CONFLICT DO NOTHING;
END;

-- 0005, as it was.
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

-- 商品批量导入 / 商品批量更新 (§3.3.2, §3.4.2): 基本单位 of the product, and the four attribute columns
-- of the file — renamable, so each is kept under the header the merchant gave it — as a JSON object
-- { header: value } on the SKU the row describes (null: none given).
ALTER TABLE products ADD COLUMN base_unit TEXT;
ALTER TABLE skus ADD COLUMN attributes TEXT;
-- §3.3.1 注4: the goods' image from the ERP (a multi-spec goods gives its first spec's).
ALTER TABLE products ADD COLUMN image_url TEXT;
