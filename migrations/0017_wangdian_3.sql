-- 旺店通 drift report, read a page at a time (worker/connectors/wangdian/admin.ts driftReport):
-- largest difference first, then code, location, SKU. With the sort key in the index, a page after
-- the cursor is one seek within the run instead of a sort of the run's rows (100k SKUs for a big sync).
CREATE INDEX stock_sync_drift_report ON stock_sync_drift (run_id, -ABS(COALESCE(difference, 0)), code, location_id, sku_id);
