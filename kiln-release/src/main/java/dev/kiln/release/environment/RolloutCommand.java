package dev.kiln.release.environment;

/** What a person may do to a rollout in progress. */
public enum RolloutCommand { PAUSE, RESUME, PROMOTE, ABORT }
