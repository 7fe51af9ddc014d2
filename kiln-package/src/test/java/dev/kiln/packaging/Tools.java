package dev.kiln.packaging;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** External tools the image tests read images back with (skopeo, umoci, docker-registry); .ci/run installs them. */
public final class Tools {
  private Tools() {}

  public static void require(String tool) {
    boolean found = List.of("/usr/bin", "/usr/local/bin", "/usr/sbin", "/bin").stream()
        .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
    assumeTrue(found, tool + " is not installed (apt-get install -y " + (tool.equals("docker-registry")
        ? "docker-registry" : tool) + "; .ci/run installs it)");
  }

  /** Runs a command; its standard output, or an AssertionError with everything it said. */
  public static String run(List<String> cmd) throws IOException, InterruptedException {
    Path out = Files.createTempFile("kiln-tool", ".out");
    Path err = Files.createTempFile("kiln-tool", ".err");
    try {
      Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).redirectOutput(out.toFile()).start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(cmd + " timed out: " + Files.readString(out) + Files.readString(err));
      }
      String text = Files.readString(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        throw new AssertionError(cmd + " exited " + p.exitValue() + ": " + text + Files.readString(err));
      }
      return text;
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
