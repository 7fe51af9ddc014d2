package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged artifact store is found, said, and repaired; a re-run that produces the content repairs it too. */
class StoreRepairTest {
  @TempDir
  Path tmp;
  TestProject p;

  @BeforeEach
  void project() throws IOException {
    p = new TestProject(tmp);
    p.file("data.csv", "x\n1\n2\n");
    p.pipeline("""
        stages:
          copy: {run: "tac data.csv > out.csv", deps: [data.csv], outs: [out.csv]}
        """);
    assertThat(p.kiln("run", "-q").exit()).isZero();
  }

  /** Flips one byte of the only object holding {@code content}. */
  Path corrupt(String content) throws IOException {
    Path objects = p.dir.resolve(".kiln/objects");
    try (Stream<Path> s = Files.walk(objects)) {
      for (Path f : s.filter(Files::isRegularFile).filter(f -> !objects.relativize(f).startsWith("tmp")).toList()) {
        byte[] b = Files.readAllBytes(f);
        if (new String(b).equals(content)) {
          f.toFile().setWritable(true);
          b[0] ^= 1;
          Files.write(f, b);
          return f;
        }
      }
    }
    throw new AssertionError("no object holds " + content);
  }

  @Test
  void fsckFindsACorruptedObjectAndSaysWhoNeedsIt() throws IOException {
    assertThat(p.kiln("fsck").out()).contains("the store is sound");
    corrupt("2\n1\nx\n");
    TestProject.Result r = p.kiln("fsck");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("damaged: sha256:", "is corrupted; needed by run 1, stage 'copy': out.csv");
    assertThat(p.kiln("fsck", "--json").out()).contains("\"corrupt\" : true", "\"clean\" : false");
  }

  @Test
  void repairRewritesADamagedObjectFromTheWorkspace() throws IOException {
    corrupt("2\n1\nx\n");
    TestProject.Result r = p.kiln("fsck", "--repair");
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).contains("repaired: sha256:", "rewritten from", "the store is sound");
    assertThat(p.kiln("fsck").exit()).isZero();
  }

  @Test
  void repairDeletesWhatItCannotRewriteAndTheStageRunsInsteadOfRestoring() throws IOException {
    corrupt("2\n1\nx\n");
    Files.writeString(p.dir.resolve("out.csv"), "edited by hand\n");
    TestProject.Result r = p.kiln("fsck", "--repair");
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("deleted (corrupted; no intact copy in the workspace)", "is missing; needed by run 1");
    TestProject.Result run = p.kiln("run", "-q");
    assertThat(run.out()).contains("▶ copy: running (outs modified: out.csv)");
    assertThat(p.kiln("fsck").exit()).as("the run stored the content again").isZero();
  }

  @Test
  void aRunThatProducesTheSameContentReplacesACorruptedObject() throws IOException {
    corrupt("2\n1\nx\n");
    Files.delete(p.dir.resolve("out.csv"));
    TestProject.Result run = p.kiln("run", "-q");
    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("▶ copy: running");
    assertThat(p.kiln("fsck").out()).contains("the store is sound");
    assertThat(List.of(p.kiln("status").out())).allMatch(s -> s.contains("everything is up to date"));
  }
}
