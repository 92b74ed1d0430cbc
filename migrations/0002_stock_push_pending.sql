-- Migration number: 0002 	 2026-11-26T09:30:00.000Z
-- A stock change marks its SKU pending for every started connection that takes stock, in the same
-- statement as the movement (by trigger), so no change can be lost between the ledger write and
-- the push: the queued push drains the pending rows, and the scheduled push is the backstop.
ALTER TABLE connections ADD COLUMN pushes_stock INTEGER NOT NULL DEFAULT 0 CHECK (pushes_stock IN (0, 1));
CREATE INDEX connections_pushing ON connections (merchant_id, status, pushes_stock);

CREATE TRIGGER stock_movement_marks_push AFTER INSERT ON stock_movements
WHEN NEW.bucket IN ('on_hand', 'allocated', 'held')
BEGIN
  INSERT INTO stock_push_pending (merchant_id, connection_id, sku_id, changed_at)
  SELECT NEW.merchant_id, c.id, NEW.sku_id, NEW.created_at
  FROM connections c
  WHERE c.merchant_id = NEW.merchant_id AND c.status = 'started' AND c.pushes_stock = 1
  ON CONFLICT (connection_id, sku_id) DO UPDATE SET changed_at = excluded.changed_at;
END;
