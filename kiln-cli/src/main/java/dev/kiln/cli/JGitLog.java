package dev.kiln.cli;

import dev.kiln.core.trigger.GitLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/**
 * The project's git repository read with JGit for push triggers: local branches and, per commit, the
 * paths it changed against its first parent (a root commit adds everything). Paths are made relative to
 * the project directory when the project is a subdirectory of the repository; changes outside it are
 * left out. A rename counts as the old path deleted and the new one added.
 */
final class JGitLog implements GitLog, AutoCloseable {
  private final Repository repo;
  private final String prefix;

  private JGitLog(Repository repo, String prefix) {
    this.repo = repo;
    this.prefix = prefix;
  }

  /** The repository holding {@code projectDir}, if there is one. */
  static Optional<JGitLog> open(Path projectDir) {
    FileRepositoryBuilder b = new FileRepositoryBuilder().readEnvironment().findGitDir(projectDir.toFile());
    if (b.getGitDir() == null) {
      return Optional.empty();
    }
    try {
      Repository repo = b.build();
      Path top = repo.getWorkTree().toPath().toAbsolutePath().normalize();
      String rel = top.relativize(projectDir.toAbsolutePath().normalize()).toString().replace('\\', '/');
      return Optional.of(new JGitLog(repo, rel.isEmpty() ? "" : rel + "/"));
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  @Override
  public Map<String, String> branches() {
    try {
      Map<String, String> out = new TreeMap<>();
      for (Ref r : repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
        if (r.getObjectId() != null) {
          out.put(Repository.shortenRefName(r.getName()), r.getObjectId().name());
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the git branches: " + e.getMessage(), e);
    }
  }

  @Override
  public List<Commit> commits(String tip, Optional<String> since, int limit) {
    try (RevWalk walk = new RevWalk(repo); DiffFormatter diff = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
      diff.setRepository(repo);
      diff.setDetectRenames(false);
      RevCommit start = walk.parseCommit(ObjectId.fromString(tip));
      Optional<ObjectId> known = since.flatMap(this::known);
      List<RevCommit> picked = new ArrayList<>();
      if (known.isEmpty()) {
        picked.add(start);
      } else {
        walk.markStart(start);
        walk.markUninteresting(walk.parseCommit(known.get()));
        for (RevCommit c : walk) {
          if (picked.size() == limit) {
            break;
          }
          picked.add(c);
        }
        Collections.reverse(picked);
      }
      List<Commit> out = new ArrayList<>();
      for (RevCommit c : picked) {
        out.add(new Commit(c.name(), changes(walk, diff, c)));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the commits of " + tip + ": " + e.getMessage(), e);
    }
  }

  private Optional<ObjectId> known(String id) {
    try {
      ObjectId oid = ObjectId.fromString(id);
      return repo.getObjectDatabase().has(oid) ? Optional.of(oid) : Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private List<Change> changes(RevWalk walk, DiffFormatter diff, RevCommit c) throws IOException {
    AbstractTreeIterator before = new EmptyTreeIterator();
    if (c.getParentCount() > 0) {
      RevCommit parent = walk.parseCommit(c.getParent(0).getId());
      CanonicalTreeParser p = new CanonicalTreeParser();
      try (var reader = repo.newObjectReader()) {
        p.reset(reader, parent.getTree().getId());
      }
      before = p;
    }
    CanonicalTreeParser after = new CanonicalTreeParser();
    try (var reader = repo.newObjectReader()) {
      after.reset(reader, c.getTree().getId());
    }
    List<Change> out = new ArrayList<>();
    for (DiffEntry e : diff.scan(before, after)) {
      switch (e.getChangeType()) {
        case ADD, COPY -> add(out, "added", e.getNewPath());
        case DELETE -> add(out, "deleted", e.getOldPath());
        case MODIFY -> add(out, "modified", e.getNewPath());
        case RENAME -> {
          add(out, "deleted", e.getOldPath());
          add(out, "added", e.getNewPath());
        }
      }
    }
    return out;
  }

  private void add(List<Change> out, String kind, String repoPath) {
    if (repoPath.startsWith(prefix)) {
      out.add(new Change(kind, repoPath.substring(prefix.length())));
    }
  }

  @Override
  public void close() {
    repo.close();
  }
}
