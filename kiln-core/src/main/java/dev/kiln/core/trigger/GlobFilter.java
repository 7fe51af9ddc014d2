package dev.kiln.core.trigger;

import java.util.ArrayList;
import java.util.List;

/**
 * An ordered list of {@link Glob}s as GitHub Actions reads {@code branches} and {@code paths}: a name
 * is included when the last pattern that matches it is positive, excluded when it is a {@code !}
 * pattern, and excluded when none matches; so later patterns override earlier ones.
 */
public final class GlobFilter {
  private record Entry(boolean negated, Glob glob) {}

  private final List<Entry> entries;
  private final List<String> written;

  private GlobFilter(List<Entry> entries, List<String> written) {
    this.entries = List.copyOf(entries);
    this.written = List.copyOf(written);
  }

  /**
   * Compiles patterns as written, with their {@code !}; throws {@link IllegalArgumentException} naming the
   * first bad one. A list of only negated patterns matches nothing, so GitHub refuses it, and so does this.
   */
  public static GlobFilter of(List<String> patterns) {
    List<Entry> entries = new ArrayList<>();
    for (String p : patterns) {
      entries.add(entry(p));
    }
    if (!entries.isEmpty() && entries.stream().allMatch(Entry::negated)) {
      throw new IllegalArgumentException("only '!' patterns: they exclude from nothing (add a pattern without '!', "
          + "such as '**')");
    }
    return new GlobFilter(entries, patterns);
  }

  /** Checks one pattern alone, as written with its {@code !}. */
  public static void check(String pattern) {
    entry(pattern);
  }

  private static Entry entry(String p) {
    boolean negated = p.startsWith("!");
    String body = negated ? p.substring(1) : p;
    if (body.isEmpty()) {
      throw new IllegalArgumentException(negated ? "'!' alone negates no pattern" : "empty pattern");
    }
    return new Entry(negated, Glob.of(body));
  }

  public boolean includes(String nameOrPath) {
    boolean included = false;
    for (Entry e : entries) {
      if (e.glob().matches(nameOrPath)) {
        included = !e.negated();
      }
    }
    return included;
  }

  public List<String> patterns() {
    return written;
  }

  @Override
  public String toString() {
    return String.join(", ", written);
  }
}
