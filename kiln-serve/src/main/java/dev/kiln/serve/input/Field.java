package dev.kiln.serve.input;

import java.util.List;

/**
 * One input column a request must supply, with the kind of value it takes: a number, a
 * category (text, one of {@code levels} as the model learnt them; others are accepted and
 * encoded as unseen), or free text.
 */
public record Field(String name, Kind kind, List<String> levels) {

  /** What values a column takes. */
  public enum Kind {
    NUMBER("number"),
    CATEGORY("category"),
    TEXT("text");

    private final String word;

    Kind(String word) {
      this.word = word;
    }

    public String word() {
      return word;
    }
  }

  public Field {
    levels = List.copyOf(levels);
  }

  public boolean numeric() {
    return kind == Kind.NUMBER;
  }
}
