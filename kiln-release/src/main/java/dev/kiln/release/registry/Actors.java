package dev.kiln.release.registry;

/**
 * Who is acting: {@code $KILN_USER}, else {@code $USER} or {@code $LOGNAME}, else the account the
 * process runs as, else "unknown".
 */
public final class Actors {
  private Actors() {}

  /** {@code given} (an {@code --as NAME} option) if set, else {@link #current()}. */
  public static String or(String given) {
    return given != null && !given.isBlank() ? given : current();
  }

  public static String current() {
    for (String var : new String[] {"KILN_USER", "USER", "LOGNAME"}) {
      String v = System.getenv(var);
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    String account = System.getProperty("user.name");
    return account != null && !account.isBlank() && !account.equals("?") ? account : "unknown";
  }
}
