-- 出库开单 and transfers from the store back office (worker/documents/outbound.ts) go to an ERP
-- link as 其他出库, like an exchange's goods given; what came from the ERP itself is not sent back
-- (the ERP pull writes the document's external link before the document, in the same batch).
DROP TRIGGER store_document_exports_taken;
CREATE TRIGGER store_document_exports_taken AFTER INSERT ON store_documents
WHEN NEW.kind IN ('sale', 'exchange', 'receipt', 'other_out', 'transfer')
BEGIN
  INSERT INTO document_exports (merchant_id, connection_id, document_id, event, queued_at)
  SELECT NEW.merchant_id, c.id, NEW.id,
         CASE NEW.kind WHEN 'sale' THEN 'sale' WHEN 'receipt' THEN 'goods_in' ELSE 'goods_out' END, NEW.received_at
  FROM connections c
  JOIN external_links el ON el.connection_id = c.id AND el.entity = 'location' AND el.renkei_id = NEW.location_id
  WHERE c.merchant_id = NEW.merchant_id AND c.exports_documents = 1 AND c.status IN ('authorized', 'started', 'stopped')
    AND NOT EXISTS (
      SELECT 1 FROM external_links d WHERE d.connection_id = c.id AND d.entity = 'document'
        AND d.renkei_id = CASE NEW.kind WHEN 'receipt' THEN NEW.reference_id ELSE NEW.id END)
  ON CONFLICT DO NOTHING;
END;
