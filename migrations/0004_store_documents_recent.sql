-- The admin's document lists, newest first, page after page: ordered by (received_at, id) with a
-- keyset cursor, for the whole merchant or one store, without sorting the store's history per page.
CREATE INDEX store_documents_recent ON store_documents (merchant_id, received_at, id);
CREATE INDEX store_documents_location_recent ON store_documents (merchant_id, location_id, received_at, id);
-- By kind and state (stocktakes waiting for approval, returns waiting for 入库): the id closes the
-- key so a page needs no sort.
DROP INDEX store_documents_merchant;
CREATE INDEX store_documents_merchant ON store_documents (merchant_id, kind, status, received_at, id);
