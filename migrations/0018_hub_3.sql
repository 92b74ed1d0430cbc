-- Hub follow-ups (issue 2, round 3).

-- Each time an order enters a status is one "entry" (status_entry counts them, status_entered_at
-- says when). A trigger keeps both, so every writer of orders.status — the bulk move, allocation,
-- shipments, connectors, a status action's success move — stamps the entry without knowing of it.
-- NULL status_entered_at: in its status since the order was created.
ALTER TABLE orders ADD COLUMN status_entry INTEGER NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN status_entered_at TEXT;
UPDATE orders SET status_entered_at = updated_at;
CREATE TRIGGER orders_status_entered AFTER UPDATE OF status ON orders WHEN NEW.status IS NOT OLD.status BEGIN
  UPDATE orders SET status_entry = OLD.status_entry + 1, status_entered_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
  WHERE id = NEW.id;
END;

-- Which run of a status action covered which entry of an order: the action runs at most once per
-- entry, whether the event's message, a redelivery or the sweep brings the order. A run that failed
-- for good gives its entries up to the replay of its dead letter.
CREATE TABLE status_action_runs (
  merchant_id TEXT NOT NULL,
  action_id TEXT NOT NULL,
  order_id TEXT NOT NULL,
  entry INTEGER NOT NULL,
  run_id TEXT NOT NULL,
  claimed_at TEXT NOT NULL,
  PRIMARY KEY (action_id, order_id, entry)
) WITHOUT ROWID;
CREATE INDEX status_action_runs_run ON status_action_runs (run_id);

-- Orders already sitting in a trigger status were handled (or not) before entries were recorded:
-- the sweep must not run their actions again after this migration.
INSERT INTO status_action_runs (merchant_id, action_id, order_id, entry, run_id, claimed_at)
SELECT o.merchant_id, a.id, o.id, 0, 'before-0018', strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM orders o JOIN status_actions a ON a.merchant_id = o.merchant_id AND a.status = o.status;

-- The sweep of lost status actions, every 10 minutes, for merchants that exist already
-- (new merchants get it from createMerchant).
INSERT INTO schedules (id, merchant_id, connection_id, job, kind, interval_minutes, time_zone, enabled, next_due_at, created_at)
SELECT 'sch_sweep_' || id, id, NULL, 'orders.status-action-sweep', 'interval', 10, time_zone, 1,
       strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
FROM merchants;

-- A link's page lists its own runs.
CREATE INDEX sync_runs_connection ON sync_runs (merchant_id, connection_id, id);
