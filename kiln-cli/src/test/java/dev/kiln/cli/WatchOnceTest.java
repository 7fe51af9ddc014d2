package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kiln watch --once} on a real git repository made with JGit and a real store. */
class WatchOnceTest {
  @TempDir
  Path tmp;
  TestProject p;

  @BeforeEach
  void project() {
    p = new TestProject(tmp);
  }

  static void commit(Path dir, String message) throws Exception {
    try (Git git = Git.open(dir.toFile())) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage(message).setAuthor("t", "t@example.com").setCommitter("t", "t@example.com")
          .setSign(false).call();
    }
  }

  static String head(Path dir) throws Exception {
    try (Git git = Git.open(dir.toFile())) {
      return git.getRepository().resolve("HEAD").name();
    }
  }

  static void gitInit(Path dir) throws Exception {
    Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call().close();
  }

  @Test
  void aCommitTouchingAFilteredPathStartsARunAndOneTouchingOtherPathsDoesNot() throws Exception {
    p.file(".gitignore", ".kiln/\n");
    p.file("README.md", "hello\n");
    p.file("data/train.csv", "x\n1\n");
    p.pipeline("on:\n  push:\n    branches: [main]\n    paths: [\"data/**\", \"!data/**.md\"]\n"
        + "stages:\n  train: {run: 'cat data/train.csv > /dev/null', deps: [data/train.csv]}\n");
    gitInit(tmp);
    commit(tmp, "first");
    TestProject.Result first = p.kiln("watch", "--once");
    assertThat(first.exit()).as(first.toString()).isZero();
    assertThat(first.out()).contains("push: watching branch main from " + head(tmp).substring(0, 7));
    assertThat(p.kiln("runs", "--json").out().trim()).isEqualTo("[ ]");

    p.file("README.md", "hello again\n");
    p.file("data/notes.md", "about the data\n");
    commit(tmp, "docs");
    TestProject.Result docs = p.kiln("watch", "--once");
    assertThat(docs.out()).contains("push " + head(tmp).substring(0, 7) + ": no watched path changed (modified "
        + "README.md and 1 more) -> ignored");
    assertThat(p.kiln("runs", "--json").out().trim()).isEqualTo("[ ]");

    p.file("data/train.csv", "x\n2\n");
    commit(tmp, "new data");
    String sha = head(tmp).substring(0, 7);
    TestProject.Result data = p.kiln("watch", "--once");
    assertThat(data.exit()).as(data.toString()).isZero();
    assertThat(data.out()).contains("push " + sha + ": modified data/train.csv -> run 1");
    String runs = p.kiln("runs", "--json").out();
    assertThat(runs).contains("\"trigger\" : \"push\"", "\"cause\" : \"push " + sha + ": modified data/train.csv\"");
    assertThat(p.kiln("show", "1").out()).contains("trigger   push (push " + sha + ": modified data/train.csv)");

    TestProject.Result again = p.kiln("watch", "--once");
    assertThat(again.out()).doesNotContain("-> run");
    assertThat(p.kiln("runs", "--json").out()).containsOnlyOnce("\"trigger\" : \"push\"");
  }

  @Test
  void aProjectInASubdirectoryOfTheRepositoryWatchesItsOwnPaths() throws Exception {
    Path sub = tmp.resolve("ml");
    TestProject q = new TestProject(sub);
    q.file("data/train.csv", "x\n1\n");
    q.pipeline("on:\n  push: {paths: [\"data/**\"]}\nstages:\n  train: {run: 'true', deps: [data/train.csv]}\n");
    p.file(".gitignore", ".kiln/\n");
    p.file("data/train.csv", "outside the project\n");
    gitInit(tmp);
    commit(tmp, "first");
    q.kiln("watch", "--once");
    p.file("data/train.csv", "still outside\n");
    commit(tmp, "outside");
    assertThat(q.kiln("watch", "--once").out()).contains("no watched path changed (no file changed) -> ignored").doesNotContain("-> run");
    q.file("data/train.csv", "x\n2\n");
    commit(tmp, "inside");
    assertThat(q.kiln("watch", "--once").out()).contains(": modified data/train.csv -> run 1");
  }

  @Test
  void aDataChangeFiresOnce() throws Exception {
    p.file("data/train.csv", "x\n1\n");
    p.pipeline("on:\n  data: [data/train.csv]\nstages:\n  train: {run: 'true', deps: [data/train.csv]}\n");
    assertThat(p.kiln("watch", "--once").out()).contains("data: watching data/train.csv");
    assertThat(p.kiln("watch", "--once").out()).isEmpty();
    p.file("data/train.csv", "x\n2\n");
    TestProject.Result changed = p.kiln("watch", "--once");
    assertThat(changed.out()).contains("data: modified data/train.csv -> run 1");
    assertThat(p.kiln("watch", "--once").out()).doesNotContain("-> run");
    assertThat(p.kiln("watch", "--once").out()).doesNotContain("-> run");
    assertThat(p.kiln("runs", "--json").out()).containsOnlyOnce("\"trigger\" : \"data\"")
        .contains("\"cause\" : \"data: modified data/train.csv\"");
  }

  @Test
  void watchedDataIsHashedThroughTheHashCacheSoAFileWithTheSameSizeMtimeAndInodeIsNotReadAgain() throws Exception {
    p.file("data/train.csv", "x\n1\n");
    p.pipeline("on:\n  data: [data/train.csv]\nstages:\n  train: {run: 'true', deps: [data/train.csv]}\n");
    p.kiln("watch", "--once");
    Path data = tmp.resolve("data/train.csv");
    java.nio.file.attribute.FileTime mtime = java.nio.file.Files.getLastModifiedTime(data);
    java.nio.file.Files.writeString(data, "x\n2\n");
    java.nio.file.Files.setLastModifiedTime(data, mtime);
    assertThat(p.kiln("watch", "--once").out()).as("the cached hash is trusted, as for stages' deps")
        .doesNotContain("-> run");
    java.nio.file.Files.setLastModifiedTime(data, java.nio.file.attribute.FileTime.from(mtime.toInstant()
        .plusSeconds(1)));
    assertThat(p.kiln("watch", "--once").out()).contains("data: modified data/train.csv -> run 1");
  }

  @Test
  void aMonitorRuleStartsARunOnlyWhenOnMonitorAcceptsIt() throws Exception {
    p.pipeline("on:\n  monitor: [input-drift]\nstages:\n  s: {run: 'true'}\n");
    try (var store = dev.kiln.store.MetadataStore.open(dev.kiln.store.MetadataStore.sqliteUrl(tmp), tmp)) {
      store.runQueue().request("test", "monitor:latency", "rule latency fired", java.time.Instant.now());
    }
    TestProject.Result refused = p.kiln("watch", "--once");
    assertThat(refused.out()).contains("rule latency fired -> dismissed (on.monitor does not name rule 'latency'");
    try (var store = dev.kiln.store.MetadataStore.open(dev.kiln.store.MetadataStore.sqliteUrl(tmp), tmp)) {
      store.runQueue().request("test", "monitor:input-drift", "rule input-drift fired: psi 0.31", java.time.Instant.now());
    }
    TestProject.Result run = p.kiln("watch", "--once", "--json");
    assertThat(run.out()).contains("\"trigger\":\"monitor:input-drift\"", "\"decision\":\"run\"", "\"run\":1");
    assertThat(p.kiln("runs", "--json").out()).contains("\"trigger\" : \"monitor:input-drift\"");
  }

  @Test
  void kilnRunRecordsTheTriggerItWasGiven() {
    TestProject.Result bad;
    try {
      p.pipeline("stages:\n  s: {run: 'true'}\n");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    bad = p.kiln("run", "--trigger", "cron");
    assertThat(bad.exit()).isEqualTo(2);
    assertThat(bad.err()).contains("--trigger: unknown trigger 'cron'");
    assertThat(p.kiln("run", "--trigger", "schedule:nightly retrain").exit()).isZero();
    assertThat(p.kiln("run").exit()).isZero();
    List<String> lines = p.kiln("runs", "--json").out().lines().filter(l -> l.contains("\"trigger\"")
        || l.contains("\"cause\"")).toList();
    assertThat(lines).containsExactly("  \"trigger\" : \"manual\",", "  \"cause\" : null,",
        "  \"trigger\" : \"schedule\",", "  \"cause\" : \"nightly retrain\",");
  }
}
