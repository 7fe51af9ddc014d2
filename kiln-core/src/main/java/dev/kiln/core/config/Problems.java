package dev.kiln.core.config;

import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one configuration file while it is validated. */
public final class Problems {
  private final String file;
  private final List<Problem> found = new ArrayList<>();

  public Problems(String file) {
    this.file = file;
  }

  public String file() {
    return file;
  }

  public void add(Node at, String message) {
    found.add(new Problem(file, at.line(), at.column(), at.path(), message));
  }

  public void add(int line, int column, String path, String message) {
    found.add(new Problem(file, line, column, path, message));
  }

  public boolean isEmpty() {
    return found.isEmpty();
  }

  public List<Problem> list() {
    return List.copyOf(found);
  }

  /** Throws a {@link ConfigException} holding every problem, if there is any. */
  public void throwIfAny() {
    if (!found.isEmpty()) {
      throw new ConfigException(found);
    }
  }
}
