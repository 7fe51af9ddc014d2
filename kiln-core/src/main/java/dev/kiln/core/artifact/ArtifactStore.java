package dev.kiln.core.artifact;

import dev.kiln.core.hash.Digest;
import dev.kiln.core.hash.PathHash;
import dev.kiln.core.hash.TreeDigest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Content-addressed objects under {@code .kiln/objects/ab/cdef…} (SHA-256). Every write goes to a
 * temporary file and is renamed into place, so a crash never leaves a half-written object; every
 * read re-hashes the content, and a corrupted object raises {@link CorruptObjectException} instead
 * of being restored. Restores copy: the workspace never links into the store, so editing a
 * restored file cannot damage the store. Writing content the store already holds verifies the
 * stored object and replaces it if it is corrupted, so a re-run repairs a damaged object.
 * Temporary files carry their writer's pid, so recovery removes only those of dead writers.
 */
public final class ArtifactStore {
  private static final int BUFFER = 1 << 18;
  private final Path objects;
  private final Path tmp;

  public ArtifactStore(Path objectsDir) {
    this.objects = objectsDir;
    this.tmp = objectsDir.resolve("tmp");
  }

  public Path root() {
    return objects;
  }

  public Path pathOf(Digest d) {
    return objects.resolve(d.hex().substring(0, 2)).resolve(d.hex().substring(2));
  }

  public boolean contains(Digest d) {
    return Files.isRegularFile(pathOf(d));
  }

  /** Copies a file into the store, hashing as it copies; returns its digest. */
  public Digest put(Path file) throws IOException {
    Path temp = newTemp();
    try {
      MessageDigest md = Digest.newSha256();
      try (InputStream in = Files.newInputStream(file); OutputStream out = Files.newOutputStream(temp)) {
        byte[] buf = new byte[BUFFER];
        int n;
        while ((n = in.read(buf)) > 0) {
          md.update(buf, 0, n);
          out.write(buf, 0, n);
        }
      }
      Digest d = Digest.of(md.digest());
      commit(temp, d);
      return d;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  public Digest putBytes(byte[] content) throws IOException {
    Digest d = Digest.ofBytes(content);
    if (intact(d)) {
      return d;
    }
    Path temp = newTemp();
    try {
      Files.write(temp, content);
      commit(temp, d);
      return d;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Stores a file or a directory (each file, then its manifest) and describes the output. */
  public Output putPath(Path projectDir, PathHash hashed) throws IOException {
    Path abs = projectDir.resolve(hashed.path());
    if (hashed.kind() == PathHash.Kind.FILE) {
      Digest d = intact(hashed.digest()) ? hashed.digest() : put(abs);
      return new Output(hashed.path(), Output.Kind.FILE, d, hashed.size(), 1);
    }
    List<PathHash.Entry> stored = new ArrayList<>();
    for (PathHash.Entry e : hashed.entries()) {
      Digest d = intact(e.digest()) ? e.digest() : put(abs.resolve(e.relativePath()));
      stored.add(new PathHash.Entry(e.relativePath(), d, e.size()));
    }
    Digest manifest = putBytes(TreeDigest.manifest(stored));
    return new Output(hashed.path(), Output.Kind.DIRECTORY, manifest, hashed.size(), stored.size());
  }

  /** Reads an object fully, verifying it. */
  public byte[] read(Digest d) throws IOException {
    byte[] content = Files.readAllBytes(pathOf(d));
    Digest actual = Digest.ofBytes(content);
    if (!actual.equals(d)) {
      throw new CorruptObjectException(d, actual.toString());
    }
    return content;
  }

  /** Every file an output puts in the workspace (project-relative path → digest). */
  public java.util.Map<String, Digest> files(Output out) throws IOException {
    java.util.Map<String, Digest> files = new java.util.TreeMap<>();
    if (out.kind() == Output.Kind.FILE) {
      files.put(out.path(), out.digest());
    } else {
      for (PathHash.Entry e : manifest(out.digest())) {
        files.put(out.path() + "/" + e.relativePath(), e.digest());
      }
    }
    return files;
  }

  /** Files a directory output holds, from its manifest. */
  public List<PathHash.Entry> manifest(Digest d) throws IOException {
    return TreeDigest.parse(read(d));
  }

  /**
   * Restores an output into the workspace: verified copies into a temporary sibling, then one
   * rename over the old path. Nothing is changed if any object is missing or corrupted.
   */
  public void restore(Output out, Path projectDir) throws IOException {
    Path target = projectDir.resolve(out.path());
    Files.createDirectories(target.toAbsolutePath().getParent());
    Path staging = target.resolveSibling("." + target.getFileName() + ".kiln-restore");
    deleteRecursively(staging);
    try {
      if (out.kind() == Output.Kind.FILE) {
        copyVerified(out.digest(), staging);
      } else {
        Files.createDirectories(staging);
        for (PathHash.Entry e : manifest(out.digest())) {
          Path f = staging.resolve(e.relativePath());
          Files.createDirectories(f.getParent());
          copyVerified(e.digest(), f);
        }
      }
      deleteRecursively(target);
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      deleteRecursively(staging);
    }
  }

  /** Checks an output's objects exist and are intact (without copying). */
  public void verify(Output out) throws IOException {
    if (out.kind() == Output.Kind.FILE) {
      verifyObject(out.digest());
    } else {
      for (PathHash.Entry e : manifest(out.digest())) {
        verifyObject(e.digest());
      }
    }
  }

  private void verifyObject(Digest d) throws IOException {
    Path p = pathOf(d);
    if (!Files.isRegularFile(p)) {
      throw new java.nio.file.NoSuchFileException("object " + d + " is missing from the store");
    }
    MessageDigest md = Digest.newSha256();
    try (InputStream in = Files.newInputStream(p)) {
      byte[] buf = new byte[BUFFER];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    Digest actual = Digest.of(md.digest());
    if (!actual.equals(d)) {
      throw new CorruptObjectException(d, actual.toString());
    }
  }

  private void copyVerified(Digest d, Path dest) throws IOException {
    Path src = pathOf(d);
    if (!Files.isRegularFile(src)) {
      throw new java.nio.file.NoSuchFileException("object " + d + " is missing from the store");
    }
    MessageDigest md = Digest.newSha256();
    try (InputStream in = Files.newInputStream(src); OutputStream out = Files.newOutputStream(dest)) {
      byte[] buf = new byte[BUFFER];
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
        out.write(buf, 0, n);
      }
    }
    Digest actual = Digest.of(md.digest());
    if (!actual.equals(d)) {
      Files.deleteIfExists(dest);
      throw new CorruptObjectException(d, actual.toString());
    }
  }

  /** Every object digest in the store. */
  public List<Digest> list() throws IOException {
    List<Digest> out = new ArrayList<>();
    if (!Files.isDirectory(objects)) {
      return out;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(objects, p -> p.getFileName().toString().length() == 2)) {
      for (Path dir : dirs) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
          for (Path f : files) {
            String hex = dir.getFileName().toString() + f.getFileName();
            if (hex.length() == 64) {
              out.add(new Digest(hex));
            }
          }
        }
      }
    }
    out.sort(Comparator.naturalOrder());
    return out;
  }

  public long size(Digest d) throws IOException {
    return Files.size(pathOf(d));
  }

  public void delete(Digest d) throws IOException {
    Files.deleteIfExists(pathOf(d));
  }

  /** True when the object exists and its content matches its digest. */
  public boolean intact(Digest d) throws IOException {
    if (!contains(d)) {
      return false;
    }
    try {
      verifyObject(d);
      return true;
    } catch (CorruptObjectException e) {
      return false;
    }
  }

  /** The temporary files of writers that are gone (their pid is not alive): safe to delete. */
  public List<Path> abandonedTemps() throws IOException {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(tmp)) {
      return out;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp)) {
      for (Path f : files) {
        if (writerOf(f).map(pid -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true)).orElse(true)) {
          out.add(f);
        }
      }
    }
    return out;
  }

  private static java.util.Optional<Long> writerOf(Path temp) {
    String[] parts = temp.getFileName().toString().split("-");
    try {
      return parts.length >= 3 ? java.util.Optional.of(Long.parseLong(parts[1])) : java.util.Optional.empty();
    } catch (NumberFormatException e) {
      return java.util.Optional.empty();
    }
  }

  private Path newTemp() throws IOException {
    Files.createDirectories(tmp);
    return Files.createTempFile(tmp, "put-" + ProcessHandle.current().pid() + "-", ".tmp");
  }

  /**
   * Moves a verified temporary file into place. An object already there is kept if intact and
   * replaced if not (a corrupted object is repaired by writing its content again).
   */
  private void commit(Path temp, Digest d) throws IOException {
    Path target = pathOf(d);
    if (intact(d)) {
      return;
    }
    Files.createDirectories(target.getParent());
    temp.toFile().setReadOnly();
    try {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
      if (!intact(d)) {
        throw e;
      }
    }
  }

  /**
   * Renames a directory written aside ({@code written}) to {@code target} whole. When another
   * writer got a copy there first and {@code whole} says that copy is complete, it is kept and
   * {@code written} deleted: concurrent writers of the same content never replace files a reader
   * may be reading.
   */
  public static void renameIntoPlace(Path written, Path target, java.util.function.Predicate<Path> whole)
      throws IOException {
    try {
      Files.move(written, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (java.nio.file.FileSystemException e) {
      deleteRecursively(written);
      if (!whole.test(target)) {
        throw e;
      }
    }
  }

  /** Deletes a file or a directory tree (not following links); a missing path is fine. */
  public static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      try (Stream<Path> s = Files.walk(p)) {
        for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(q);
        }
      }
    } else {
      Files.delete(p);
    }
  }
}
