package dev.kiln.cli;

import dev.kiln.core.history.GitState;
import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/** Reads the project's git commit, branch and dirty flag with JGit; outside git, all unknown. */
final class GitInfo {
  private GitInfo() {}

  /**
   * Starts reading the git state on a background thread: walking the work tree for the dirty
   * flag is the slowest part of a no-op run, and overlaps with parsing, the store and hashing.
   */
  static java.util.concurrent.CompletableFuture<GitState> async(Path projectDir) {
    java.util.concurrent.CompletableFuture<GitState> f = new java.util.concurrent.CompletableFuture<>();
    Thread t = new Thread(() -> f.complete(of(projectDir)), "kiln-git");
    t.setDaemon(true);
    t.start();
    return f;
  }

  static GitState of(Path projectDir) {
    FileRepositoryBuilder b = new FileRepositoryBuilder().readEnvironment().findGitDir(projectDir.toFile());
    if (b.getGitDir() == null) {
      return GitState.NONE;
    }
    try (Repository repo = b.build(); Git git = new Git(repo)) {
      ObjectId head = repo.resolve("HEAD");
      if (head == null) {
        return new GitState(null, repo.getBranch(), null);
      }
      boolean dirty = git.status().call().hasUncommittedChanges();
      return new GitState(head.name(), repo.getBranch(), dirty);
    } catch (IOException | GitAPIException | RuntimeException e) {
      return GitState.NONE;
    }
  }
}
