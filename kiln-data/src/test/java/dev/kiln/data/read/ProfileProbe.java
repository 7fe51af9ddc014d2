package dev.kiln.data.read;

import dev.kiln.data.profile.Profiler;

/** Run in a child JVM with its own KILN_DATA_MEMORY: profiles a file and prints "ok" or the error. */
public final class ProfileProbe {
  private ProfileProbe() {}

  public static void main(String[] args) {
    try (DataSource ds = DataSource.open(args[0], ReadOptions.DEFAULT)) {
      Profiler.profile(ds);
      System.out.println("ok");
    } catch (DataReadException e) {
      System.out.println("error: " + e.getMessage());
    }
  }
}
