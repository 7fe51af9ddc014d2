package dev.kiln.data;

import java.util.Locale;
import java.util.Optional;

/** How much a failing check matters: an error fails the validation, a warning is reported only. */
public enum Severity {
  ERROR, WARNING;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Severity> fromLabel(String s) {
    for (Severity v : values()) {
      if (v.label().equals(s)) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}
