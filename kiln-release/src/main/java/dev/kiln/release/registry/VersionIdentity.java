package dev.kiln.release.registry;

import dev.kiln.core.hash.Digest;

/**
 * What makes two registrations one version: the model name, the artifact's digest, and the
 * pipeline and stage that registered it (both null for a version registered by hand). A
 * registration that repeats an identity — a run restored from the cache, or re-run after its
 * process was killed mid-registration — gets the existing version, never a duplicate.
 */
public record VersionIdentity(String model, Digest artifact, String pipeline, String stage) {}
