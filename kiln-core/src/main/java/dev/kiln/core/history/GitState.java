package dev.kiln.core.history;

/** The git commit, branch and dirty flag of the project when a run started; all null outside git. */
public record GitState(String commit, String branch, Boolean dirty) {
  public static final GitState NONE = new GitState(null, null, null);

  public boolean present() {
    return commit != null;
  }

  /** {@code a1b2c3d4e5f6}, {@code a1b2c3d4e5f6+dirty} or {@code -}. */
  public String describe() {
    if (commit == null) {
      return "-";
    }
    String s = commit.length() > 12 ? commit.substring(0, 12) : commit;
    return Boolean.TRUE.equals(dirty) ? s + "+dirty" : s;
  }
}
