package dev.kiln.core.trigger;

import java.util.List;
import java.util.Optional;

/**
 * {@code on: push}: which branches, and which changed paths, start a run, with GitHub Actions'
 * rules. Without {@code branches}/{@code branches-ignore} every branch counts; without
 * {@code paths}/{@code paths-ignore} every push does. With {@code paths}, a push counts when at least
 * one changed path is included; with {@code paths-ignore}, when at least one is not ignored.
 */
public record PushFilter(Optional<GlobFilter> branches, boolean branchesIgnore, Optional<GlobFilter> paths,
    boolean pathsIgnore) {
  public static final PushFilter ALL = new PushFilter(Optional.empty(), false, Optional.empty(), false);

  public boolean branch(String name) {
    if (branches.isEmpty()) {
      return true;
    }
    return branchesIgnore != branches.get().includes(name);
  }

  /** The first changed path that makes the push count, or empty when none does (any path counts without filters). */
  public Optional<String> firstMatch(List<String> changed) {
    for (String p : changed) {
      if (paths.isEmpty() || pathsIgnore != paths.get().includes(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** Whether any path counts, so a push that changed no file at all still counts without path filters. */
  public boolean anyPath() {
    return paths.isEmpty();
  }
}
