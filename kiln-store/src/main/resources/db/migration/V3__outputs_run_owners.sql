-- Typed values stages hand downstream (a gate's verdict, a registered version), and who owns a
-- run: the host, process id and process start time of the kiln process that runs it, and a
-- heartbeat it renews, so recovery only claims runs whose owner is provably gone.

ALTER TABLE stage_executions ADD COLUMN output_json TEXT;

ALTER TABLE runs ADD COLUMN owner_host TEXT;
ALTER TABLE runs ADD COLUMN owner_pid BIGINT;
ALTER TABLE runs ADD COLUMN owner_started_at BIGINT;
ALTER TABLE runs ADD COLUMN heartbeat_at BIGINT;

-- A version's gate verdict as typed checks ({metric, passed, text}) and notes; versions
-- registered before this keep their verdict as lines in gate_reasons_json.
ALTER TABLE model_versions ADD COLUMN gate_json TEXT;

-- Registering is idempotent on (model, artifact, pipeline, stage).
CREATE INDEX versions_by_identity ON model_versions (model, artifact_digest);
