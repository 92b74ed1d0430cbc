-- Migration number: 0001 	 2026-11-26T09:00:00.000Z
-- Renkei hub core. Every business row carries merchant_id; the data-access layer (worker/db) scopes
-- every query by it. Money is INTEGER minor units (yen, fen). Instants are UTC ISO-8601 strings.
-- Invariant kept by triggers below: stock_levels change only when a stock_movements row is inserted.

CREATE TABLE merchants (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  currency TEXT NOT NULL CHECK (currency IN ('JPY', 'CNY')),
  time_zone TEXT NOT NULL,
  -- 単位換算方法: how a unit price's fraction is rounded (seed 004).
  unit_rounding TEXT NOT NULL DEFAULT 'ceil' CHECK (unit_rounding IN ('ceil', 'floor', 'round')),
  created_at TEXT NOT NULL
);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  merchant_id TEXT NOT NULL REFERENCES merchants(id),
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('owner', 'manager', 'staff')),
  password_hash TEXT NOT NULL,
  -- staff PIN for the POS (hash; the device keeps its own HMAC, see the POS issue)
  pin_hash TEXT,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX users_merchant ON users (merchant_id);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  merchant_id TEXT NOT NULL REFERENCES merchants(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Where stock lives: a store (sells over the counter) or a warehouse.
CREATE TABLE locations (
  id TEXT PRIMARY KEY,
  merchant_id TEXT NOT NULL REFERENCES merchants(id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('store', 'warehouse')),
  -- store only: prices shown tax-inclusive or tax-exclusive at the POS
  tax_display TEXT NOT NULL DEFAULT 'inclusive' CHECK (tax_display IN ('inclusive', 'exclusive')),
  created_at TEXT NOT NULL,
  UNIQUE (merchant_id, code)
);

-- A sales channel (POS, own web shop, mall, manual entry) and the stock source its allocation reads.
CREATE TABLE channels (
  id TEXT PRIMARY KEY,
  merchant_id TEXT NOT NULL REFERENCES merchants(id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('pos', 'web', 'mall', 'manual')),
  default_location_id TEXT REFERENCES locations(id),
  -- 在庫数合算設定: 'location' = the order store's warehouse only, 'all' = every location,
  -- 'connector' = a figure a connection provides (see worker/inventory/stock-sources.ts).
  stock_source TEXT NOT NULL DEFAULT 'location' CHECK (stock_source IN ('location', 'all', 'connector')),
  stock_source_connection_id TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (merchant_id, code)
);

CREATE TABLE devices (
  id TEXT PRIMARY KEY,
  merchant_id TEXT NOT NULL REFERENCES merchants(id),
  location_id TEXT NOT NULL REFERENCES locations(id),
  name TEXT NOT NULL,
  pairing_code_hash TEXT UNIQUE,
  pairing_expires_at TEXT,
  token_hash TEXT UNIQUE,
  paired_at TEXT,
  revoked_at TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX devices_merchant ON devices (merchant_id);

CREATE TABLE payment_methods (
  id TEXT PRIMARY KEY,
  merchant_id TEXT NOT NULL REFERENCES merchants(id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('cash', 'card', 'qr', 'other')),
  UNIQUE (merchant_id, code)
);

CREATE TABLE categories (
  id TEXT PRIMARY KEY,
  merchant_id TEXT NOT NULL REFERENCES merchants(id),
  parent_id TEXT REFERENCES categories(id),
  name TEXT NOT NULL,
  depth INTEGER NOT NULL CHECK (depth BETWEEN 1 AND 3)
);
CREATE INDEX categories_merchant ON categories (merchant_id, parent_id);

CREATE TABLE brands (
  id TEXT PRIMARY KEY,
  merchant_id TEXT NOT NULL REFERENCES merchants(id),
  name TEXT NOT NULL,
  UNIQUE (merchant_id, name)
);

-- 単位設定 (seed 004): a management unit (管理用単位), a sales unit (販売用単位), its display name
-- (画面表示名) and the integer conversion (単位換算値) from sales unit to management unit, ≥ 1.
CREATE TABLE units (
  id TEXT PRIMARY KEY,
  merchant_id TEXT NOT NULL REFERENCES merchants(id),
  code TEXT NOT NULL,
  management_unit TEXT NOT NULL,
  sales_unit TEXT NOT NULL,
  display_name TEXT NOT NULL,
  conversion INTEGER NOT NULL CHECK (conversion >= 1),
  created_at TEXT NOT NULL,
  UNIQUE (merchant_id, code)
);

CREATE TABLE products (
  id TEXT PRIMARY KEY,
  merchant_id TEXT NOT NULL REFERENCES merchants(id),
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  category_id TEXT REFERENCES categories(id),
  brand_id TEXT REFERENCES brands(id),
  kind TEXT NOT NULL DEFAULT 'normal'
    CHECK (kind IN ('normal', 'set_child', 'cart_option', 'download', 'bto_child')),
  tax_class TEXT NOT NULL DEFAULT 'standard' CHECK (tax_class IN ('standard', 'reduced', 'exempt')),
  -- unit products (seed 004): per product, never per variant
  unit_id TEXT REFERENCES units(id),
  unit_min INTEGER,
  unit_max INTEGER,
  pack_quantity INTEGER CHECK (pack_quantity IS NULL OR pack_quantity >= 1),   -- 入数
  backorder INTEGER NOT NULL DEFAULT 0 CHECK (backorder IN (0, 1)),              -- 受注残管理
  listing_status TEXT NOT NULL DEFAULT 'listed' CHECK (listing_status IN ('listed', 'unlisted')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (merchant_id, code),
  -- the service explains these in words; the database refuses them regardless
  CHECK (unit_id IS NULL OR (kind = 'normal' AND pack_quantity IS NULL AND backorder = 0
                             AND unit_min IS NOT NULL AND unit_max IS NOT NULL
                             AND unit_min >= 1 AND unit_max >= unit_min))
);

CREATE TABLE skus (
  id TEXT PRIMARY KEY,
  merchant_id TEXT NOT NULL REFERENCES merchants(id),
  product_id TEXT NOT NULL REFERENCES products(id),
  code TEXT NOT NULL,           -- merchant code (商品コード / 商家编码)
  barcode TEXT,                 -- JAN / EAN
  spec_name TEXT NOT NULL DEFAULT '',
  price INTEGER NOT NULL CHECK (price >= 0),
  cost_price INTEGER CHECK (cost_price IS NULL OR cost_price >= 0),   -- 仕入単価
  listing_status TEXT NOT NULL DEFAULT 'listed' CHECK (listing_status IN ('listed', 'unlisted')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  UNIQUE (merchant_id, code)
);
CREATE INDEX skus_product ON skus (product_id);
CREATE INDEX skus_barcode ON skus (merchant_id, barcode);

-- ---------------------------------------------------------------------------------------------
-- Stock: an append-only ledger and the levels it maintains.
-- Each movement changes one bucket of one level by a signed quantity. `guard` asks the database to
-- check availability at the moment of the insert (D1 has no interactive transactions, so the
-- check lives in SQL): 0 = none (a POS sale that already happened), 1 = skip the row when short,
-- 2 = abort the whole batch when short (an order taken in the admin is refused, seed 004).
-- guard_scope: 'location' = this location only, 'all' = the SKU across all locations,
-- 'cap' = guard_cap minus what Renkei has already allocated (a connector-provided stock source).
CREATE TABLE stock_movements (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  merchant_id TEXT NOT NULL,
  sku_id TEXT NOT NULL,
  location_id TEXT NOT NULL,
  bucket TEXT NOT NULL CHECK (bucket IN ('on_hand', 'allocated', 'held', 'incoming')),
  quantity INTEGER NOT NULL CHECK (quantity <> 0),
  reason TEXT NOT NULL,
  source_type TEXT NOT NULL,
  source_id TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  guard INTEGER NOT NULL DEFAULT 0 CHECK (guard IN (0, 1, 2)),
  guard_scope TEXT NOT NULL DEFAULT 'location' CHECK (guard_scope IN ('location', 'all', 'cap')),
  guard_cap INTEGER,
  actor TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (merchant_id, idempotency_key)
);
CREATE INDEX stock_movements_level ON stock_movements (sku_id, location_id, id);
CREATE INDEX stock_movements_source ON stock_movements (merchant_id, source_type, source_id);

CREATE TABLE stock_levels (
  merchant_id TEXT NOT NULL,
  sku_id TEXT NOT NULL,
  location_id TEXT NOT NULL,
  on_hand INTEGER NOT NULL DEFAULT 0,
  allocated INTEGER NOT NULL DEFAULT 0,
  held INTEGER NOT NULL DEFAULT 0,
  incoming INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (sku_id, location_id)
) WITHOUT ROWID;
CREATE INDEX stock_levels_merchant ON stock_levels (merchant_id, location_id);

-- Guard (1): a short row is silently skipped; the caller sees it missing (meta.changes / a re-read).
CREATE TRIGGER stock_guard_skip BEFORE INSERT ON stock_movements
WHEN NEW.guard = 1 AND NEW.quantity > 0 AND NEW.bucket IN ('allocated', 'held')
  AND NOT EXISTS (SELECT 1 FROM stock_movements WHERE merchant_id = NEW.merchant_id AND idempotency_key = NEW.idempotency_key)
  AND NEW.quantity > (
  CASE NEW.guard_scope
    WHEN 'location' THEN (SELECT COALESCE(SUM(on_hand - allocated - held), 0) FROM stock_levels
                          WHERE sku_id = NEW.sku_id AND location_id = NEW.location_id)
    WHEN 'all' THEN (SELECT COALESCE(SUM(on_hand - allocated - held), 0) FROM stock_levels
                     WHERE sku_id = NEW.sku_id)
    ELSE COALESCE(NEW.guard_cap, 0) - (SELECT COALESCE(SUM(allocated + held), 0) FROM stock_levels
                                       WHERE sku_id = NEW.sku_id)
  END)
BEGIN
  SELECT RAISE(IGNORE);
END;

-- Guard (2): a short row aborts the batch, so nothing of the order is written.
-- (Both guards stand aside for a replayed key, which INSERT OR IGNORE then skips as a no-op.)
CREATE TRIGGER stock_guard_abort BEFORE INSERT ON stock_movements
WHEN NEW.guard = 2 AND NEW.quantity > 0 AND NEW.bucket IN ('allocated', 'held')
  AND NOT EXISTS (SELECT 1 FROM stock_movements WHERE merchant_id = NEW.merchant_id AND idempotency_key = NEW.idempotency_key)
  AND NEW.quantity > (
  CASE NEW.guard_scope
    WHEN 'location' THEN (SELECT COALESCE(SUM(on_hand - allocated - held), 0) FROM stock_levels
                          WHERE sku_id = NEW.sku_id AND location_id = NEW.location_id)
    WHEN 'all' THEN (SELECT COALESCE(SUM(on_hand - allocated - held), 0) FROM stock_levels
                     WHERE sku_id = NEW.sku_id)
    ELSE COALESCE(NEW.guard_cap, 0) - (SELECT COALESCE(SUM(allocated + held), 0) FROM stock_levels
                                       WHERE sku_id = NEW.sku_id)
  END)
BEGIN
  SELECT RAISE(ABORT, 'INSUFFICIENT_STOCK');
END;

-- The only writer of stock_levels. A movement ignored by its idempotency key never reaches here.
CREATE TRIGGER stock_movement_applies AFTER INSERT ON stock_movements
BEGIN
  INSERT INTO stock_levels (merchant_id, sku_id, location_id, on_hand, allocated, held, incoming, updated_at)
  VALUES (NEW.merchant_id, NEW.sku_id, NEW.location_id,
          CASE NEW.bucket WHEN 'on_hand' THEN NEW.quantity ELSE 0 END,
          CASE NEW.bucket WHEN 'allocated' THEN NEW.quantity ELSE 0 END,
          CASE NEW.bucket WHEN 'held' THEN NEW.quantity ELSE 0 END,
          CASE NEW.bucket WHEN 'incoming' THEN NEW.quantity ELSE 0 END,
          NEW.created_at)
  ON CONFLICT (sku_id, location_id) DO UPDATE SET
    on_hand = on_hand + excluded.on_hand,
    allocated = allocated + excluded.allocated,
    held = held + excluded.held,
    incoming = incoming + excluded.incoming,
    updated_at = excluded.updated_at;
  INSERT INTO change_log (merchant_id, entity, entity_id, created_at)
  VALUES (NEW.merchant_id, 'stock_level', NEW.sku_id || '@' || NEW.location_id, NEW.created_at);
END;

CREATE TRIGGER stock_movements_append_only_update BEFORE UPDATE ON stock_movements
BEGIN SELECT RAISE(ABORT, 'stock_movements is append-only'); END;
CREATE TRIGGER stock_movements_append_only_delete BEFORE DELETE ON stock_movements
BEGIN SELECT RAISE(ABORT, 'stock_movements is append-only'); END;

-- ---------------------------------------------------------------------------------------------
-- Monotonic change log: devices and connections read it with a cursor (seq), never by timestamps.
CREATE TABLE change_log (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  merchant_id TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX change_log_merchant ON change_log (merchant_id, seq);

CREATE TABLE sync_cursors (
  merchant_id TEXT NOT NULL,
  consumer TEXT NOT NULL,        -- 'device:<id>' or 'connection:<id>:<stream>'
  seq INTEGER NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (merchant_id, consumer)
);

CREATE TRIGGER products_changed_insert AFTER INSERT ON products BEGIN
  INSERT INTO change_log (merchant_id, entity, entity_id, created_at) VALUES (NEW.merchant_id, 'product', NEW.id, NEW.updated_at);
END;
CREATE TRIGGER products_changed_update AFTER UPDATE ON products BEGIN
  INSERT INTO change_log (merchant_id, entity, entity_id, created_at) VALUES (NEW.merchant_id, 'product', NEW.id, NEW.updated_at);
END;
CREATE TRIGGER skus_changed_insert AFTER INSERT ON skus BEGIN
  INSERT INTO change_log (merchant_id, entity, entity_id, created_at) VALUES (NEW.merchant_id, 'sku', NEW.id, NEW.updated_at);
END;
CREATE TRIGGER skus_changed_update AFTER UPDATE ON skus BEGIN
  INSERT INTO change_log (merchant_id, entity, entity_id, created_at) VALUES (NEW.merchant_id, 'sku', NEW.id, NEW.updated_at);
END;

-- ---------------------------------------------------------------------------------------------
-- Orders
CREATE TABLE order_statuses (
  merchant_id TEXT NOT NULL REFERENCES merchants(id),
  code TEXT NOT NULL,
  name_ja TEXT NOT NULL,
  name_zh TEXT NOT NULL,
  name_en TEXT NOT NULL,
  sort INTEGER NOT NULL DEFAULT 100,
  PRIMARY KEY (merchant_id, code)
);

CREATE TABLE orders (
  id TEXT PRIMARY KEY,
  merchant_id TEXT NOT NULL REFERENCES merchants(id),
  channel_id TEXT NOT NULL REFERENCES channels(id),
  location_id TEXT NOT NULL REFERENCES locations(id),
  external_id TEXT NOT NULL,     -- the mall / shop order number, kept even when cancelled here
  status TEXT NOT NULL,
  currency TEXT NOT NULL,
  customer_name TEXT NOT NULL DEFAULT '',
  shipping_address TEXT NOT NULL DEFAULT '',
  subtotal INTEGER NOT NULL,
  tax INTEGER NOT NULL,
  shipping_fee INTEGER NOT NULL DEFAULT 0,
  adjustment INTEGER NOT NULL DEFAULT 0,
  total INTEGER NOT NULL,
  note TEXT NOT NULL DEFAULT '',
  ordered_at TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  cancelled_at TEXT,
  deleted_at TEXT,
  UNIQUE (merchant_id, channel_id, external_id)
);
CREATE INDEX orders_status ON orders (merchant_id, status, ordered_at);
CREATE INDEX orders_merchant_time ON orders (merchant_id, ordered_at);

CREATE TABLE order_lines (
  id TEXT PRIMARY KEY,
  merchant_id TEXT NOT NULL,
  order_id TEXT NOT NULL REFERENCES orders(id),
  line_no INTEGER NOT NULL,
  sku_id TEXT,                   -- NULL when the external code maps to no SKU (未マッピング)
  external_code TEXT NOT NULL DEFAULT '',
  name TEXT NOT NULL,
  quantity INTEGER NOT NULL CHECK (quantity >= 1),
  unit_value INTEGER,            -- 注文単位 in the sales unit, for unit products
  unit_price INTEGER NOT NULL,   -- 注文時の値段 (already rounded by 単位換算方法)
  amount INTEGER NOT NULL,
  tax_rate INTEGER NOT NULL,     -- percent: 10, 8, 0 (13 / 9 / 6 for CNY VAT)
  stock_quantity INTEGER NOT NULL,   -- what the line takes from stock: quantity × unit_value (or quantity)
  UNIQUE (order_id, line_no)
);
CREATE INDEX order_lines_order ON order_lines (order_id);

CREATE TABLE order_tags (
  merchant_id TEXT NOT NULL,
  order_id TEXT NOT NULL REFERENCES orders(id),
  tag TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('system', 'user')),
  PRIMARY KEY (order_id, tag)
) WITHOUT ROWID;
CREATE INDEX order_tags_tag ON order_tags (merchant_id, tag);

CREATE TABLE saved_searches (
  id TEXT PRIMARY KEY,
  merchant_id TEXT NOT NULL REFERENCES merchants(id),
  name TEXT NOT NULL,
  query TEXT NOT NULL,           -- JSON of shared/schemas OrderQuery
  created_at TEXT NOT NULL,
  UNIQUE (merchant_id, name)
);

-- When an order enters `status`, run `action` for `connection_id`; on success move it to success_status.
CREATE TABLE status_actions (
  id TEXT PRIMARY KEY,
  merchant_id TEXT NOT NULL REFERENCES merchants(id),
  status TEXT NOT NULL,
  connection_id TEXT,
  action TEXT NOT NULL,
  success_status TEXT,
  enabled INTEGER NOT NULL DEFAULT 1,
  created_at TEXT NOT NULL
);
CREATE INDEX status_actions_status ON status_actions (merchant_id, status);

CREATE TABLE shipments (
  id TEXT PRIMARY KEY,
  merchant_id TEXT NOT NULL,
  order_id TEXT NOT NULL REFERENCES orders(id),
  location_id TEXT NOT NULL,
  carrier TEXT NOT NULL DEFAULT '',
  tracking_number TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('pending', 'shipped')),
  shipped_at TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX shipments_order ON shipments (order_id);

CREATE TABLE shipment_lines (
  shipment_id TEXT NOT NULL REFERENCES shipments(id),
  order_line_id TEXT NOT NULL REFERENCES order_lines(id),
  quantity INTEGER NOT NULL CHECK (quantity >= 1),
  PRIMARY KEY (shipment_id, order_line_id)
) WITHOUT ROWID;

CREATE TABLE templates (
  merchant_id TEXT NOT NULL REFERENCES merchants(id),
  kind TEXT NOT NULL CHECK (kind IN ('order_confirmation', 'delivery_note', 'shipping_csv')),
  body TEXT NOT NULL,
  line_format TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (merchant_id, kind)
);

-- ---------------------------------------------------------------------------------------------
-- Store documents (sale, return, exchange, stocktake, receipt, transfer, other in / out).
-- id is the client's UUID: the device's idempotency key.
CREATE TABLE store_documents (
  id TEXT PRIMARY KEY,
  merchant_id TEXT NOT NULL,
  location_id TEXT NOT NULL,
  device_id TEXT,
  kind TEXT NOT NULL CHECK (kind IN ('sale', 'return', 'exchange', 'stocktake', 'receipt', 'transfer', 'other_in', 'other_out')),
  number TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('received', 'approved', 'posted', 'rejected')),
  body TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  received_at TEXT NOT NULL,
  approved_at TEXT,
  posted_at TEXT,
  UNIQUE (merchant_id, location_id, number)
);
CREATE INDEX store_documents_merchant ON store_documents (merchant_id, kind, received_at);

CREATE TABLE document_exports (
  document_id TEXT NOT NULL REFERENCES store_documents(id),
  connection_id TEXT NOT NULL,
  merchant_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'exported', 'failed')),
  external_id TEXT,
  exported_at TEXT,
  PRIMARY KEY (document_id, connection_id)
) WITHOUT ROWID;

-- ---------------------------------------------------------------------------------------------
-- Connections to external systems, and the sync engine.
CREATE TABLE connections (
  id TEXT PRIMARY KEY,
  merchant_id TEXT NOT NULL REFERENCES merchants(id),
  kind TEXT NOT NULL,            -- smaregi | nextengine | rakuten | rsl | wangdian | ...
  name TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pending', 'authorized', 'started', 'stopped')),
  settings TEXT NOT NULL DEFAULT '{}',
  credentials TEXT,              -- AES-GCM under CREDENTIALS_KEY (worker/auth/credentials.ts)
  base_url TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX connections_merchant ON connections (merchant_id, kind);

CREATE TABLE connection_cursors (
  connection_id TEXT NOT NULL REFERENCES connections(id),
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (connection_id, name)
) WITHOUT ROWID;

-- Renkei ID <-> external code / ID, per connection. code_folded supports case-insensitive matching.
CREATE TABLE external_links (
  merchant_id TEXT NOT NULL,
  connection_id TEXT NOT NULL REFERENCES connections(id),
  entity TEXT NOT NULL CHECK (entity IN ('location', 'sku', 'payment_method', 'order', 'product', 'channel', 'document')),
  renkei_id TEXT NOT NULL,
  external_id TEXT NOT NULL,
  external_code TEXT,
  code_folded TEXT,
  PRIMARY KEY (connection_id, entity, external_id)
) WITHOUT ROWID;
CREATE INDEX external_links_renkei ON external_links (connection_id, entity, renkei_id);
CREATE INDEX external_links_code ON external_links (connection_id, entity, code_folded);

-- Stock changed for these SKUs since the connection last pushed: coalesced per SKU.
CREATE TABLE stock_push_pending (
  connection_id TEXT NOT NULL,
  sku_id TEXT NOT NULL,
  merchant_id TEXT NOT NULL,
  changed_at TEXT NOT NULL,
  PRIMARY KEY (connection_id, sku_id)
) WITHOUT ROWID;

-- Schedules are written in the merchant's time zone; next_due_at is the UTC instant of the next run.
CREATE TABLE schedules (
  id TEXT PRIMARY KEY,
  merchant_id TEXT NOT NULL REFERENCES merchants(id),
  connection_id TEXT,
  job TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('daily', 'interval', 'hourly')),
  time_of_day TEXT,              -- 'HH:MM' for daily
  interval_minutes INTEGER,      -- for interval
  minute INTEGER,                -- for hourly: minute past the hour
  time_zone TEXT NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1,
  next_due_at TEXT NOT NULL,
  last_enqueued_at TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX schedules_due ON schedules (enabled, next_due_at);

CREATE TABLE sync_runs (
  id TEXT PRIMARY KEY,
  merchant_id TEXT NOT NULL,
  connection_id TEXT,
  job TEXT NOT NULL,
  trigger TEXT NOT NULL CHECK (trigger IN ('schedule', 'event', 'manual', 'replay')),
  status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'retrying', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  counts TEXT NOT NULL DEFAULT '{}',
  error TEXT,
  queued_at TEXT NOT NULL,
  started_at TEXT,
  finished_at TEXT,
  duration_ms INTEGER
);
CREATE INDEX sync_runs_merchant ON sync_runs (merchant_id, queued_at);

CREATE TABLE dead_letters (
  id TEXT PRIMARY KEY,
  merchant_id TEXT NOT NULL,
  run_id TEXT NOT NULL,
  job TEXT NOT NULL,
  payload TEXT NOT NULL,         -- the raw queue message, replayed as is
  error TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  replayed_at TEXT,
  replay_run_id TEXT
);
CREATE INDEX dead_letters_merchant ON dead_letters (merchant_id, created_at);

-- Idempotency keys of requests that cross a boundary; the stored answer is replayed to a retry.
CREATE TABLE idempotency_keys (
  merchant_id TEXT NOT NULL,
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  status INTEGER NOT NULL,
  response TEXT NOT NULL,
  created_at TEXT NOT NULL,
  PRIMARY KEY (merchant_id, scope, key)
) WITHOUT ROWID;
CREATE INDEX idempotency_keys_age ON idempotency_keys (created_at);
