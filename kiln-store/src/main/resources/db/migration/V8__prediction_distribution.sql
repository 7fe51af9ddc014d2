-- The predictions' distribution of each closed monitor window, beside the reference's, on the
-- cells its prediction drift was tested on: {"bins": [...], "reference": [...], "current": [...]}.
-- NULL for windows without tested predictions and for windows recorded before it was kept.

ALTER TABLE monitor_windows ADD COLUMN prediction_distribution_json TEXT;
