-- The model registry (models, immutable versions with lineage, tags, aliases and their
-- append-only history) and approvals of manual gates.

CREATE TABLE models (
  name TEXT PRIMARY KEY,
  description TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  created_by TEXT NOT NULL,
  next_version INTEGER NOT NULL
);

CREATE TABLE model_versions (
  model TEXT NOT NULL REFERENCES models (name),
  version INTEGER NOT NULL,
  artifact_path TEXT NOT NULL,
  artifact_kind TEXT NOT NULL,
  artifact_digest TEXT NOT NULL,
  artifact_size BIGINT NOT NULL,
  artifact_files INTEGER NOT NULL,
  run_id BIGINT,
  pipeline TEXT,
  stage TEXT,
  git_commit TEXT,
  git_branch TEXT,
  git_dirty INTEGER,
  params_json TEXT NOT NULL,
  metrics_json TEXT NOT NULL,
  gate_blessed INTEGER,
  gate_reasons_json TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  created_by TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (model, version)
);
CREATE INDEX versions_by_artifact ON model_versions (artifact_digest);

CREATE TABLE version_inputs (
  model TEXT NOT NULL,
  version INTEGER NOT NULL,
  path TEXT NOT NULL,
  digest TEXT NOT NULL,
  PRIMARY KEY (model, version, path),
  FOREIGN KEY (model, version) REFERENCES model_versions (model, version)
);
CREATE INDEX inputs_by_digest ON version_inputs (digest);

CREATE TABLE version_tags (
  model TEXT NOT NULL,
  version INTEGER NOT NULL,
  tag TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (model, version, tag),
  FOREIGN KEY (model, version) REFERENCES model_versions (model, version)
);

CREATE TABLE aliases (
  model TEXT NOT NULL REFERENCES models (name),
  alias TEXT NOT NULL,
  version INTEGER NOT NULL,
  revision BIGINT NOT NULL,
  PRIMARY KEY (model, alias)
);

CREATE TABLE alias_history (
  id ${id_pk},
  model TEXT NOT NULL,
  alias TEXT NOT NULL,
  from_version INTEGER,
  to_version INTEGER NOT NULL,
  moved_by TEXT NOT NULL,
  moved_at BIGINT NOT NULL,
  reason TEXT NOT NULL,
  is_rollback INTEGER NOT NULL,
  is_forced INTEGER NOT NULL
);
CREATE INDEX history_by_alias ON alias_history (model, alias, id);

CREATE TABLE approvals (
  run_id BIGINT NOT NULL,
  stage TEXT NOT NULL,
  requested_at BIGINT NOT NULL,
  deadline BIGINT,
  decision TEXT NOT NULL,
  decided_by TEXT,
  decided_at BIGINT,
  comment TEXT,
  PRIMARY KEY (run_id, stage)
);
