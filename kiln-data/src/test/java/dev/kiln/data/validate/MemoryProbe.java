package dev.kiln.data.validate;

import dev.kiln.data.check.Suite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Run in a child JVM with a small heap: validates a file and prints rows, verdict and peak RSS. */
public final class MemoryProbe {
  private MemoryProbe() {}

  public static void main(String[] args) throws Exception {
    Validation v = new Validator(Path.of(".")).validate(args[0], Suite.parse(Path.of(args[1])),
        args.length > 2 ? Optional.of(new Baseline.SavedProfile(Path.of(args[2]))) : Optional.empty());
    long hwm = 0;
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        hwm = Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    System.out.println("rows=" + v.rows() + " passed=" + v.passed() + " checks=" + v.checks().size() + " drift="
        + v.drift().map(d -> d.columns().size()).orElse(0) + " peak_rss=" + hwm + " max_heap=" + Runtime.getRuntime().maxMemory());
  }
}
