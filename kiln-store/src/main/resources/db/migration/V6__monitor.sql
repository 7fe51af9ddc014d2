-- The monitor's records: every closed window the gateway judged (traffic, latency, live
-- accuracy, and one drift row per feature and for the predictions, so reports read a feature
-- over time with one indexed scan), and every alert with what each of its actions did.
-- Non-finite figures (NaN) are stored as NULL.

CREATE TABLE monitor_windows (
  id ${id_pk},
  environment TEXT NOT NULL,
  model TEXT NOT NULL,
  version TEXT NOT NULL,
  started_at BIGINT NOT NULL,
  ended_at BIGINT NOT NULL,
  requests BIGINT NOT NULL,
  errors BIGINT NOT NULL,
  latency_p50_ms DOUBLE PRECISION,
  latency_p99_ms DOUBLE PRECISION,
  labels BIGINT NOT NULL,
  accuracy_json TEXT NOT NULL
);
CREATE INDEX monitor_windows_by_end ON monitor_windows (environment, ended_at);

CREATE TABLE monitor_drift (
  window_id BIGINT NOT NULL REFERENCES monitor_windows (id),
  position INTEGER NOT NULL,
  kind TEXT NOT NULL,
  feature TEXT NOT NULL,
  test TEXT NOT NULL,
  statistic DOUBLE PRECISION,
  threshold DOUBLE PRECISION,
  drifted INTEGER NOT NULL,
  psi DOUBLE PRECISION,
  row_count BIGINT NOT NULL,
  PRIMARY KEY (window_id, position)
);

CREATE TABLE alerts (
  id ${id_pk},
  environment TEXT NOT NULL,
  rule TEXT NOT NULL,
  model TEXT NOT NULL,
  version TEXT NOT NULL,
  at BIGINT NOT NULL,
  summary TEXT NOT NULL,
  evidence_json TEXT NOT NULL
);
CREATE INDEX alerts_by_time ON alerts (environment, at);
CREATE INDEX alerts_by_any_time ON alerts (at);

CREATE TABLE alert_actions (
  id ${id_pk},
  alert_id BIGINT NOT NULL REFERENCES alerts (id),
  action TEXT NOT NULL,
  status TEXT NOT NULL,
  detail TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX alert_actions_by_alert ON alert_actions (alert_id, id);
