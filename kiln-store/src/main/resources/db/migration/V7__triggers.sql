-- Triggers: runs asked for by triggers and monitor rules, waiting for kiln watch (at most one
-- waiting request per pipeline: asking again joins it); what the watcher last saw, so a restart
-- neither triggers twice nor misses what happened while it was down; and, on each run, why its
-- trigger fired and the CI job that started it.

CREATE TABLE run_queue (
  id ${id_pk},
  pipeline TEXT NOT NULL,
  trigger_kind TEXT NOT NULL,
  cause TEXT NOT NULL,
  requested_at BIGINT NOT NULL,
  status TEXT NOT NULL,
  run_id BIGINT,
  updated_at BIGINT,
  note TEXT
);
CREATE UNIQUE INDEX run_queue_one_waiting ON run_queue (pipeline) WHERE status = 'waiting';
CREATE INDEX run_queue_by_time ON run_queue (pipeline, requested_at);

CREATE TABLE trigger_state (
  pipeline TEXT NOT NULL,
  kind TEXT NOT NULL,
  item TEXT NOT NULL,
  seen TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (pipeline, kind, item)
);

ALTER TABLE runs ADD COLUMN trigger_cause TEXT;
ALTER TABLE runs ADD COLUMN ci_system TEXT;
ALTER TABLE runs ADD COLUMN ci_url TEXT;
ALTER TABLE runs ADD COLUMN ci_commit TEXT;
ALTER TABLE runs ADD COLUMN ci_branch TEXT;
ALTER TABLE runs ADD COLUMN ci_pull_request TEXT;
