-- Which gateway's rollout controller acts for an environment, until when (epoch ms).

CREATE TABLE controller_leases (
  environment TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_at BIGINT NOT NULL
);
