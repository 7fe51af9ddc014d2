-- Environments: what each runs (model, stable version, the rollout in progress or last
-- finished, as JSON) with a revision for compare-and-set, and an append-only history.

CREATE TABLE environments (
  name TEXT PRIMARY KEY,
  model TEXT NOT NULL,
  stable INTEGER NOT NULL,
  rollout_json TEXT,
  revision BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by TEXT NOT NULL
);

CREATE TABLE environment_history (
  id ${id_pk},
  environment TEXT NOT NULL,
  at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  run_id BIGINT,
  from_version INTEGER,
  to_version INTEGER NOT NULL,
  text TEXT NOT NULL
);
CREATE INDEX environment_history_by_name ON environment_history (environment, id);
