-- Migration number: 0003 	 2026-11-26T10:00:00.000Z
-- Store documents for the POS: exchanges, stocktake sheets and their submission, inbound deliveries
-- and their receiving; the states a store back office and the merchant move them through; and a
-- per-store device number for receipt numbers. (SQLite cannot alter a CHECK: the table is rebuilt.)
CREATE TABLE store_documents_v2 (
  id TEXT PRIMARY KEY,
  merchant_id TEXT NOT NULL,
  location_id TEXT NOT NULL,
  device_id TEXT,
  staff_id TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('sale', 'return', 'exchange', 'stocktake', 'stocktake_submission', 'receipt', 'inbound', 'transfer', 'other_in', 'other_out')),
  number TEXT NOT NULL,
  -- pending: an inbound delivery not yet received; received: on the hub, not yet in stock where that
  -- waits for the back office (returns, stocktake sheets); submitted: a stocktake the store manager
  -- sent for approval; approved / posted: in stock; rejected: refused with reasons
  status TEXT NOT NULL CHECK (status IN ('pending', 'received', 'submitted', 'approved', 'posted', 'rejected')),
  -- return / exchange → the original sale; receipt → the inbound; stocktake sheet → its submission
  reference_id TEXT,
  body TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  received_at TEXT NOT NULL,
  submitted_at TEXT,
  approved_at TEXT,
  posted_at TEXT,
  UNIQUE (merchant_id, location_id, kind, number)
);
INSERT INTO store_documents_v2 (id, merchant_id, location_id, device_id, kind, number, status, body, occurred_at, received_at, approved_at, posted_at)
  SELECT id, merchant_id, location_id, device_id, kind, number, status, body, occurred_at, received_at, approved_at, posted_at FROM store_documents;
DROP TABLE store_documents;
ALTER TABLE store_documents_v2 RENAME TO store_documents;
CREATE INDEX store_documents_merchant ON store_documents (merchant_id, kind, status, received_at);
CREATE INDEX store_documents_reference ON store_documents (merchant_id, reference_id);

ALTER TABLE devices ADD COLUMN number INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN pin_failures INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN pin_locked_until TEXT;
