-- Rakuten RMS + RSL, fifth slice (issue 7): 発送完了報告 that never adds a second tracking record.
--
-- updateOrderShippingAsync ADDS a record when a ShippingModel has no shippingDetailId, and RMS applies
-- an accepted request some time later. A parcel is therefore marked 'submitted' before the call, with
-- the instant of that call here (and attempts + 1, which also serves as the version a run must hold
-- to send it). A submitted parcel without rms_request_id had its answer lost: it is judged by the
-- order itself and sent again only once a grace window after submitted_at has passed. Rows submitted
-- before this migration keep submitted_at NULL and always carry a requestId.
ALTER TABLE rakuten_parcels ADD COLUMN submitted_at TEXT;
