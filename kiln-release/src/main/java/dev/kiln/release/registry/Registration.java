package dev.kiln.release.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What registering did: the version (new, or the existing one with the same identity), and the
 * alias move it made, if any. {@link #lines()} and {@link #summary()} say it in words.
 */
public record Registration(ModelVersion version, boolean created, Optional<String> alias, Optional<AliasMove> moved) {

  /** One line per thing done, for the stage's log. */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    out.add(created
        ? "registered " + version.ref() + " (" + version.artifact().digest() + ", " + version.gate().describe() + ")"
        : version.ref() + " is already registered (same artifact " + "sha256:" + version.artifact().digest().shortHex()
            + " from " + origin() + "): not registered again");
    alias.ifPresent(a -> out.add(aliasLine(a)));
    return out;
  }

  /** One line for the stage's result: "registered credit-risk:1 as @staging". */
  public String summary() {
    String what = (created ? "registered " : "already registered: ") + version.ref();
    return what + alias.map(a -> moved.isPresent() ? " as @" + a : ", @" + a + " already on it").orElse("");
  }

  /** The state registering reached, for a restored stage's reason: "credit-risk@staging → v1 (was v2)". */
  public String effect() {
    return alias.map(this::aliasLine).orElse(version.ref() + " is registered");
  }

  public RegisteredVersion registered() {
    return new RegisteredVersion(version.model(), version.version(), version.artifact().digest().toString());
  }

  private String aliasLine(String a) {
    String name = version.model() + "@" + a;
    if (moved.isEmpty()) {
      return name + " already → v" + version.version();
    }
    Integer from = moved.get().fromVersion();
    return name + " → v" + version.version() + (from == null || created ? "" : " (was v" + from + ")");
  }

  private String origin() {
    String stage = version.lineage().stage();
    return stage == null ? "a registration by hand" : "stage '" + stage + "' of run " + version.lineage().runId();
  }
}
