package dev.kiln.release.registry;

import java.time.Instant;
import java.util.Map;

/** A registered model: its name, description, newest version and aliases (alias → version). */
public record RegisteredModel(String name, String description, int latestVersion, Map<String, Integer> aliases,
    Instant createdAt) {

  public RegisteredModel {
    aliases = Map.copyOf(aliases);
  }
}
