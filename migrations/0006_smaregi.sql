-- Smaregi link (seed 000): webhook deliveries taken once. Smaregi may deliver an event twice or out
-- of order; each smaregi-event-id is recorded here before its job is queued, so a repeat is
-- answered 200 and changes nothing. The webhook job drops this link's rows older than 30 days (a resend never comes that late).
CREATE TABLE smaregi_webhook_events (
  merchant_id TEXT NOT NULL,
  connection_id TEXT NOT NULL REFERENCES connections(id),
  event_id TEXT NOT NULL,
  event TEXT NOT NULL,
  received_at TEXT NOT NULL,
  PRIMARY KEY (connection_id, event_id)
) WITHOUT ROWID;
CREATE INDEX smaregi_webhook_events_age ON smaregi_webhook_events (merchant_id, received_at);
