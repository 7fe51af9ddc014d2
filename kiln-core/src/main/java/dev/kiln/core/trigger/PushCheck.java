package dev.kiln.core.trigger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares each watched branch's tip with the commit last seen on it: the new commits form one push,
 * which starts a run when the branch and at least one changed path pass the {@link PushFilter}. A branch
 * seen for the first time is only remembered: what was there before watching began starts nothing.
 */
public final class PushCheck {
  /** Commits read per branch and poll, newest kept. */
  static final int MAX_COMMITS = 500;

  private PushCheck() {}

  public static List<Finding> check(PushFilter filter, GitLog git, Map<String, String> seen) {
    List<Finding> out = new ArrayList<>();
    for (Map.Entry<String, String> b : new java.util.TreeMap<>(git.branches()).entrySet()) {
      String branch = b.getKey();
      String tip = b.getValue();
      if (!filter.branch(branch) || tip.equals(seen.get(branch))) {
        continue;
      }
      TriggerState.Mark mark = new TriggerState.Mark(TriggerState.Kind.BRANCH, branch, tip);
      String shortTip = tip.length() > 7 ? tip.substring(0, 7) : tip;
      if (!seen.containsKey(branch)) {
        out.add(new Finding("push", "push: watching branch " + branch + " from " + shortTip, Finding.Outcome.WATCH, List.of(mark)));
        continue;
      }
      out.add(push(filter, branch, shortTip, git.commits(tip, Optional.of(seen.get(branch)), MAX_COMMITS), mark));
    }
    return out;
  }

  private static Finding push(PushFilter filter, String branch, String shortTip, List<GitLog.Commit> commits,
      TriggerState.Mark mark) {
    Map<String, GitLog.Change> changed = new LinkedHashMap<>();
    for (GitLog.Commit c : commits) {
      for (GitLog.Change ch : c.changes()) {
        changed.remove(ch.path());
        changed.put(ch.path(), ch);
      }
    }
    List<String> matching = new ArrayList<>();
    for (String p : changed.keySet()) {
      if (filter.firstMatch(List.of(p)).isPresent()) {
        matching.add(p);
      }
    }
    String commitsNote = commits.size() > 1 ? " (" + commits.size() + " commits on " + branch + ")" : "";
    if (matching.isEmpty() && !(filter.anyPath() && changed.isEmpty())) {
      return new Finding("push", "push " + shortTip + commitsNote + ": no watched path changed ("
          + list(new ArrayList<>(changed.keySet()), changed) + ")", Finding.Outcome.IGNORE, List.of(mark));
    }
    String what = matching.isEmpty() ? "no file changed" : list(matching, changed);
    return new Finding("push", "push " + shortTip + ": " + what + commitsNote, Finding.Outcome.FIRE, List.of(mark));
  }

  private static String list(List<String> paths, Map<String, GitLog.Change> changed) {
    if (paths.isEmpty()) {
      return "no file changed";
    }
    String first = changed.get(paths.get(0)).toString();
    return paths.size() == 1 ? first : first + " and " + (paths.size() - 1) + " more";
  }
}
