package dev.kiln.serve.monitor;

import java.time.Instant;

/** A fired rule as its actions see it: the alert's id in the record, where, on what, and why. */
record Alarm(long alertId, String environment, String model, String version, String rule, Instant at,
    String summary, String evidenceJson) {
}
