package dev.kiln.core.trigger;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The commits of a repository as push triggers need them: the local branches with their tips, and
 * the commits a tip has that an earlier commit had not, each with the paths it touched. kiln-cli
 * implements it with JGit.
 */
public interface GitLog {
  /** A path a commit added, modified, deleted or renamed (to {@code path}), against its first parent. */
  record Change(String kind, String path) {
    @Override
    public String toString() {
      return kind + " " + path;
    }
  }

  record Commit(String id, List<Change> changes) {
    public Commit {
      changes = List.copyOf(changes);
    }

    public String shortId() {
      return id.length() > 7 ? id.substring(0, 7) : id;
    }
  }

  /** Local branch name to the id of its tip commit. */
  Map<String, String> branches();

  /**
   * The commits reachable from {@code tip} but not from {@code since}, oldest first, at most {@code limit}
   * (the newest ones); when {@code since} is unknown to the repository (history rewritten), the tip alone.
   */
  List<Commit> commits(String tip, Optional<String> since, int limit);
}
