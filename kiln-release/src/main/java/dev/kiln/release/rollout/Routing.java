package dev.kiln.release.rollout;

import java.util.Optional;

/**
 * How gateways route an environment's requests: {@code candidateWeight} percent to the
 * candidate and the rest to the stable version; a copy of {@code mirrorPercent} percent to a
 * shadow; a preview route to a blue-green candidate before its switch; and a version kept
 * loaded (warm) for an instant rollback. Every gateway applies the same routing.
 */
public record Routing(int stable, Optional<Integer> candidate, int candidateWeight, Optional<Integer> mirror,
    int mirrorPercent, Optional<Integer> preview, Optional<Integer> warm) {

  public Routing {
    if (candidateWeight < 0 || candidateWeight > 100 || mirrorPercent < 0 || mirrorPercent > 100) {
      throw new IllegalArgumentException("weights are 0 to 100 percent");
    }
  }

  /** Everything to one version. */
  public static Routing only(int version) {
    return new Routing(version, Optional.empty(), 0, Optional.empty(), 0, Optional.empty(), Optional.empty());
  }

  public static Routing split(int stable, int candidate, int weight) {
    return new Routing(stable, Optional.of(candidate), weight, Optional.empty(), 0, Optional.empty(), Optional.empty());
  }

  public static Routing mirrored(int stable, int shadow, int percent) {
    return new Routing(stable, Optional.empty(), 0, Optional.of(shadow), percent, Optional.empty(), Optional.empty());
  }

  public static Routing previewing(int stable, int candidate) {
    return new Routing(stable, Optional.empty(), 0, Optional.empty(), 0, Optional.of(candidate), Optional.empty());
  }

  /** In words: "v3 90%, v4 10%", "v3 100%, mirror v4 25%", "v3 100%, preview v4", "v4 100%, v3 kept warm". */
  public String describe() {
    java.util.List<String> parts = new java.util.ArrayList<>();
    parts.add("v" + stable + " " + (100 - candidate.map(c -> candidateWeight).orElse(0)) + "%");
    candidate.ifPresent(c -> parts.add("v" + c + " " + candidateWeight + "%"));
    mirror.ifPresent(m -> parts.add("mirror v" + m + " " + mirrorPercent + "%"));
    preview.ifPresent(p -> parts.add("preview v" + p));
    warm.ifPresent(w -> parts.add("v" + w + " kept warm"));
    return String.join(", ", parts);
  }

  public Routing keepingWarm(int version) {
    return new Routing(stable, candidate, candidateWeight, mirror, mirrorPercent, preview, Optional.of(version));
  }
}
