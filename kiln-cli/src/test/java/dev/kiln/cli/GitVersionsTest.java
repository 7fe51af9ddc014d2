package dev.kiln.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitVersionsTest {
  @TempDir
  Path tmp;

  @Test
  void aRunRecordsTheCommitBranchAndWhetherTheTreeWasDirty() throws Exception {
    TestProject p = new TestProject(tmp);
    p.file("data.csv", "x\n");
    p.file(".gitignore", ".kiln/\nout.txt\n");
    p.pipeline("stages:\n  a: {run: 'cp data.csv out.txt', deps: [data.csv], outs: [out.txt]}\n");
    RevCommit commit;
    try (Git git = Git.init().setDirectory(tmp.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      commit = git.commit().setMessage("first").setAuthor("t", "t@example.com").setCommitter("t", "t@example.com")
          .setSign(false).call();
    }
    p.kiln("run");
    assertThat(p.kiln("runs", "--json").out()).contains("\"git_commit\" : \"" + commit.name() + "\"",
        "\"git_branch\" : \"main\"", "\"git_dirty\" : false");
    p.file("data.csv", "y\n");
    p.kiln("run");
    assertThat(p.kiln("show").out()).contains(commit.name().substring(0, 12) + "+dirty on main");
  }
}
