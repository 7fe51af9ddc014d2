package dev.kiln.data.drift;

import dev.kiln.data.Severity;
import java.util.List;
import java.util.Locale;

/** A difference in shape between the reference and the current data, with how much it matters. */
public record SchemaChange(Kind kind, String column, String detail, Severity severity, List<String> values) {

  /** What changed. */
  public enum Kind {
    MISSING_COLUMN, NEW_COLUMN, TYPE_CHANGE, NEW_CATEGORIES;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public SchemaChange {
    values = List.copyOf(values);
  }
}
