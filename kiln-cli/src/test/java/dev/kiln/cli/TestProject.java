package dev.kiln.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A temporary Kiln project driven through the real CLI, in-process or as a separate process. */
final class TestProject {
  final Path dir;

  TestProject(Path dir) {
    this.dir = dir;
  }

  /** The result of one command: exit code and what it printed. */
  record Result(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  TestProject file(String relative, String content) throws IOException {
    Path p = dir.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return this;
  }

  TestProject pipeline(String yaml) throws IOException {
    return file("kiln.yaml", "kiln: 1\npipeline: test\n" + yaml);
  }

  String read(String relative) throws IOException {
    return Files.readString(dir.resolve(relative));
  }

  boolean exists(String relative) {
    return Files.exists(dir.resolve(relative));
  }

  /** Lines in a file that commands append to, to count how often they ran. */
  int count(String relative) throws IOException {
    Path p = dir.resolve(relative);
    return Files.exists(p) ? (int) Files.readAllLines(p).stream().filter(l -> !l.isBlank()).count() : 0;
  }

  Result kiln(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> all = new ArrayList<>(List.of("-C", dir.toString()));
    all.addAll(List.of(args));
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Main.execute(all.toArray(String[]::new), o, e, false);
    }
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Starts {@code kiln ARGS} as its own JVM (for signals, kill -9 and concurrency). */
  Process start(String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("dev.kiln.cli.Main");
    cmd.add("-C");
    cmd.add(dir.toString());
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve("kiln-" + System.nanoTime() + ".out").toFile()).start();
  }

  /** Waits until the file exists and holds a complete line: a shell creates the file before it writes to it. */
  void awaitFile(String relative, long millis) throws InterruptedException, IOException {
    long deadline = System.currentTimeMillis() + millis;
    while (!exists(relative) || !read(relative).endsWith("\n")) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("timed out waiting for " + relative);
      }
      Thread.sleep(20);
    }
  }
}
