-- Smaregi link (seed 000): POS sales (pos:transactions) as Renkei took them, re-read from Smaregi
-- by transaction ID, for the link's page (date, store, total, lines). One row per transaction
-- (a re-read replaces it); the stock they moved is in the ledger, keyed per transaction line. The
-- webhook job forgets a link's rows older than 90 days (sales.ts KEEP_SALES_DAYS): the list is for the page only.
CREATE TABLE smaregi_sales (
  merchant_id TEXT NOT NULL,
  connection_id TEXT NOT NULL REFERENCES connections(id),
  transaction_head_id TEXT NOT NULL,
  store_id TEXT NOT NULL,
  location_id TEXT,
  transacted_at TEXT NOT NULL,
  total INTEGER NOT NULL,
  cancelled INTEGER NOT NULL DEFAULT 0,
  lines TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  PRIMARY KEY (connection_id, transaction_head_id)
) WITHOUT ROWID;
CREATE INDEX smaregi_sales_recent ON smaregi_sales (merchant_id, connection_id, transacted_at);
