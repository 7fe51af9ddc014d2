-- Runs, stage executions, their metrics and stored outputs, and the file hash cache.
-- One file for SQLite and PostgreSQL: ${id_pk} is the only dialect difference.

CREATE TABLE runs (
  id ${id_pk},
  pipeline TEXT NOT NULL,
  status TEXT NOT NULL,
  reason TEXT,
  trigger_kind TEXT NOT NULL,
  git_commit TEXT,
  git_branch TEXT,
  git_dirty INTEGER,
  params_json TEXT,
  kiln_version TEXT,
  host TEXT,
  started_at BIGINT NOT NULL,
  ended_at BIGINT,
  targets TEXT
);
CREATE INDEX runs_by_pipeline ON runs (pipeline, id);

CREATE TABLE stage_executions (
  id ${id_pk},
  run_id BIGINT NOT NULL REFERENCES runs (id),
  pipeline TEXT NOT NULL,
  stage TEXT NOT NULL,
  status TEXT NOT NULL,
  reason TEXT,
  fingerprint TEXT,
  inputs_json TEXT,
  started_at BIGINT NOT NULL,
  ended_at BIGINT,
  wall_ms BIGINT,
  cpu_ms BIGINT,
  peak_rss_bytes BIGINT,
  exit_code INTEGER,
  log_path TEXT,
  attempts INTEGER,
  source_execution_id BIGINT,
  details_json TEXT
);
CREATE INDEX executions_by_run ON stage_executions (run_id, id);
CREATE INDEX executions_by_stage ON stage_executions (pipeline, stage, id);
CREATE INDEX executions_by_fingerprint ON stage_executions (pipeline, stage, fingerprint);

CREATE TABLE metrics (
  execution_id BIGINT NOT NULL REFERENCES stage_executions (id),
  name TEXT NOT NULL,
  value DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (execution_id, name)
);

CREATE TABLE artifacts (
  execution_id BIGINT NOT NULL REFERENCES stage_executions (id),
  path TEXT NOT NULL,
  kind TEXT NOT NULL,
  digest TEXT NOT NULL,
  size BIGINT NOT NULL,
  files INTEGER NOT NULL,
  PRIMARY KEY (execution_id, path)
);
CREATE INDEX artifacts_by_digest ON artifacts (digest);

CREATE TABLE file_hashes (
  root TEXT NOT NULL,
  path TEXT NOT NULL,
  size BIGINT NOT NULL,
  mtime_ns BIGINT NOT NULL,
  inode BIGINT NOT NULL,
  digest TEXT NOT NULL,
  PRIMARY KEY (root, path)
);
