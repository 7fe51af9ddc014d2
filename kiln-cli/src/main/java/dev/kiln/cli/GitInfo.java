package dev.kiln.cli;

import dev.kiln.core.history.GitState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.StatusCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Reads the project's git commit, branch and dirty flag with JGit; outside git, all unknown.
 * "Dirty" means tracked files differ from HEAD (staged or not), as {@code git describe --dirty};
 * untracked files do not count. To stay fast in large work trees, only the files the index
 * tracks are looked at: a file whose size and mtime match its index entry is clean, and JGit's
 * status (with its content filters) is asked only about the others.
 */
final class GitInfo {
  private GitInfo() {}

  /**
   * Starts reading the git state on a background thread: it overlaps with parsing, the store
   * and hashing.
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
      return new GitState(head.name(), repo.getBranch(), dirty(repo, git, head));
    } catch (IOException | GitAPIException | RuntimeException e) {
      return GitState.NONE;
    }
  }

  private static boolean dirty(Repository repo, Git git, ObjectId head) throws IOException, GitAPIException {
    DirCache index = repo.readDirCache();
    List<String> suspects = suspects(repo.getWorkTree().toPath(), index);
    if (!suspects.isEmpty()) {
      StatusCommand status = git.status();
      suspects.forEach(status::addPath);
      if (status.call().hasUncommittedChanges()) {
        return true;
      }
    }
    try (RevWalk rw = new RevWalk(repo); TreeWalk staged = new TreeWalk(repo)) {
      staged.addTree(rw.parseCommit(head).getTree());
      staged.addTree(new DirCacheIterator(index));
      staged.setRecursive(true);
      staged.setFilter(TreeFilter.ANY_DIFF);
      return staged.next();
    }
  }

  /** Tracked files whose size or modification time differ from their index entry (or are gone). */
  private static List<String> suspects(Path workTree, DirCache index) throws IOException {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < index.getEntryCount(); i++) {
      DirCacheEntry e = index.getEntry(i);
      if (e.getFileMode() == FileMode.GITLINK || e.isSkipWorkTree() || e.isAssumeValid()) {
        continue;
      }
      Path p = workTree.resolve(e.getPathString());
      if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)
          || Files.size(p) != e.getLength()
          || Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS).toMillis() != e.getLastModifiedInstant().toEpochMilli()) {
        out.add(e.getPathString());
      }
    }
    return out;
  }
}
