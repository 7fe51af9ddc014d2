package dev.kiln.core.history;

/**
 * The CI job a run was started from, as its environment variables told (GitHub Actions, GitLab CI,
 * Jenkins, CircleCI): the system, the job's page, and the commit, branch and pull request it built.
 * Any part may be null; {@link #NONE} outside CI.
 */
public record CiRun(String system, String url, String commit, String branch, String pullRequest) {
  public static final CiRun NONE = new CiRun(null, null, null, null, null);

  public boolean present() {
    return system != null;
  }

  /** {@code github-actions https://github.com/o/r/actions/runs/7 (pull request 12)}, or {@code -}. */
  public String describe() {
    if (!present()) {
      return "-";
    }
    StringBuilder s = new StringBuilder(system);
    if (url != null) {
      s.append(' ').append(url);
    }
    if (pullRequest != null) {
      s.append(" (pull request ").append(pullRequest).append(')');
    }
    return s.toString();
  }
}
