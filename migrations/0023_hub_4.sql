-- A link's page reads the last run (and the last success) of each of its jobs: one index lookup
-- each, however many runs the link's every-minute jobs made in their 90 days — the partial index
-- keeps "last success" a lookup too when a job has been failing for weeks.
CREATE INDEX sync_runs_connection_job ON sync_runs (merchant_id, connection_id, job, id);
CREATE INDEX sync_runs_connection_job_succeeded ON sync_runs (merchant_id, connection_id, job, id) WHERE status = 'succeeded';
