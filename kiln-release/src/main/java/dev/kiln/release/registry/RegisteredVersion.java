package dev.kiln.release.registry;

/**
 * The version a register stage recorded, as it hands it downstream (a package or deploy stage
 * uses "the version registered upstream"): model, version number and artifact digest.
 */
public record RegisteredVersion(String model, int version, String artifact) {

  public ModelRef ref() {
    return ModelRef.version(model, version);
  }
}
