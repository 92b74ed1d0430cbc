-- Rakuten RMS + RSL (seed 002): Renkei is the OMS that imports Rakuten orders, forwards the ones RSL
-- ships, and reports RSL's parcels back to RMS. Every table is per Rakuten link (connection_id).

-- 商品マッピング: one row ties a Rakuten SKU to a Renkei SKU and the RSL item that ships it. A Rakuten
-- line is "mapped" only with all three; the RSL item belongs to the pair, so it lives in the same row
-- (external_links holds one pair per row). rakuten_sku_folded: RMS lower-cases SKU管理番号, merchants
-- type システム連携用SKU番号 in capitals; both find the row.
CREATE TABLE rakuten_item_mappings (
  merchant_id TEXT NOT NULL,
  connection_id TEXT NOT NULL REFERENCES connections(id),
  rakuten_sku_folded TEXT NOT NULL,
  rakuten_sku TEXT NOT NULL,
  sku_id TEXT NOT NULL REFERENCES skus(id),
  rsl_item_code TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (connection_id, rakuten_sku_folded)
) WITHOUT ROWID;

-- The license key's expiry as RMS reports it (license-management API), for the warning ahead of it.
CREATE TABLE rakuten_licenses (
  merchant_id TEXT NOT NULL,
  connection_id TEXT PRIMARY KEY REFERENCES connections(id),
  expires_at TEXT NOT NULL,
  checked_at TEXT NOT NULL
) WITHOUT ROWID;

-- Each imported Rakuten order once: its Renkei order, its baskets (for the parcels written back),
-- and whether 注文確認 was done (confirmed_at: by Renkei, or found already moved on).
CREATE TABLE rakuten_orders (
  merchant_id TEXT NOT NULL,
  connection_id TEXT NOT NULL REFERENCES connections(id),
  order_number TEXT NOT NULL,
  order_id TEXT NOT NULL REFERENCES orders(id),
  order_progress INTEGER NOT NULL,
  asuraku INTEGER NOT NULL DEFAULT 0,
  baskets TEXT NOT NULL,          -- JSON [{basketId, shipTo, lines:[{lineNo, rakutenSku}]}]
  confirmed_at TEXT,
  confirm_error TEXT,
  imported_at TEXT NOT NULL,
  PRIMARY KEY (connection_id, order_number)
) WITHOUT ROWID;
CREATE INDEX rakuten_orders_order ON rakuten_orders (merchant_id, order_id);
CREATE INDEX rakuten_orders_unconfirmed ON rakuten_orders (connection_id, confirmed_at);

-- One RSL shipment request per basket (or per split part). request_key is RSL's dedupe key: written
-- here before the request leaves, so a retry sends the same key, and a request whose answer was lost
-- (state 'sent?') is looked up with getStatus before it is sent again.
CREATE TABLE rsl_requests (
  merchant_id TEXT NOT NULL,
  connection_id TEXT NOT NULL REFERENCES connections(id),   -- the Rakuten link
  request_key TEXT NOT NULL,
  order_id TEXT NOT NULL REFERENCES orders(id),
  order_number TEXT NOT NULL,
  basket_id INTEGER NOT NULL,
  shipment_id TEXT NOT NULL,      -- Renkei's shipment holding exactly the lines sent
  body TEXT NOT NULL,             -- the RslShipmentRequest, byte-identical on every resend
  state TEXT NOT NULL CHECK (state IN ('pending', 'accepted', 'shipped', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  rsl_shipment_id TEXT,
  last_error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (connection_id, request_key)
) WITHOUT ROWID;
CREATE INDEX rsl_requests_order ON rsl_requests (merchant_id, order_id);
CREATE INDEX rsl_requests_state ON rsl_requests (connection_id, state);

-- Parcels RSL reported, each written to RMS once. shipping_detail_id is RMS's ID of the record:
-- once known, a resend updates that record instead of adding a second one.
CREATE TABLE rakuten_parcels (
  merchant_id TEXT NOT NULL,
  connection_id TEXT NOT NULL REFERENCES connections(id),
  result_id INTEGER NOT NULL,
  parcel_no INTEGER NOT NULL,
  request_key TEXT NOT NULL,
  order_number TEXT NOT NULL,
  basket_id INTEGER NOT NULL,
  delivery_company TEXT NOT NULL,
  shipping_number TEXT NOT NULL,
  shipping_date TEXT NOT NULL,   -- yyyy-MM-dd JST
  state TEXT NOT NULL CHECK (state IN ('pending', 'submitted', 'reported', 'failed')),
  rms_request_id TEXT,
  data_number INTEGER,           -- its place among the order's ShippingModels in that request (RMS answers by it)
  shipping_detail_id INTEGER,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (connection_id, result_id, parcel_no)
) WITHOUT ROWID;
CREATE INDEX rakuten_parcels_state ON rakuten_parcels (connection_id, state);

-- RSL results for a request Renkei does not know: kept for review, never dropped.
CREATE TABLE rsl_unmatched_results (
  merchant_id TEXT NOT NULL,
  connection_id TEXT NOT NULL REFERENCES connections(id),
  result_id INTEGER NOT NULL,
  request_key TEXT NOT NULL,
  shop_order_number TEXT NOT NULL,
  body TEXT NOT NULL,
  received_at TEXT NOT NULL,
  PRIMARY KEY (connection_id, result_id)
) WITHOUT ROWID;

-- Where the RSL results were read up to (RSL's opaque cursor), per Rakuten link.
CREATE TABLE rsl_result_cursors (
  merchant_id TEXT NOT NULL,
  connection_id TEXT PRIMARY KEY REFERENCES connections(id),
  cursor TEXT NOT NULL,
  updated_at TEXT NOT NULL
) WITHOUT ROWID;
