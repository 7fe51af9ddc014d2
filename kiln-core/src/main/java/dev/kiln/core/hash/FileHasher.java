package dev.kiln.core.hash;

import dev.kiln.core.path.ProjectPaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Content hashes of project paths. A file whose size, mtime (ns) and inode match the
 * {@link HashCache} is never re-read; misses are hashed in parallel and saved back in one batch.
 * Within one hasher every path is hashed at most once (call {@link #forget} when a stage rewrites
 * it), so a directory read by five stages costs one walk.
 */
public final class FileHasher implements AutoCloseable {
  private static final int BUFFER = 1 << 18;
  private final Path root;
  private final HashCache cache;
  private final int threads;
  private final Map<String, CompletableFuture<PathHash>> memo = new ConcurrentHashMap<>();
  private ExecutorService pool;

  public FileHasher(Path projectDir, HashCache cache, int threads) {
    this.root = projectDir.toAbsolutePath().normalize();
    this.cache = cache;
    this.threads = Math.max(1, threads);
  }

  /** Hashes a normalised project-relative path or glob. */
  public PathHash hash(String path) {
    CompletableFuture<PathHash> mine = new CompletableFuture<>();
    CompletableFuture<PathHash> existing = memo.putIfAbsent(path, mine);
    if (existing != null) {
      return existing.join();
    }
    try {
      mine.complete(compute(path));
      dev.kiln.core.Trace.mark("hashed " + path);
    } catch (RuntimeException e) {
      memo.remove(path, mine);
      mine.completeExceptionally(e);
      throw e;
    }
    return mine.join();
  }

  /** Drops remembered hashes of this path and everything overlapping it. */
  public void forget(String path) {
    memo.keySet().removeIf(k -> ProjectPaths.overlaps(k, path) || ProjectPaths.isGlob(k));
  }

  /**
   * Records the known digests of files Kiln itself just wrote (an output restored from the
   * store), so the next status does not re-read them. Keys are project-relative paths.
   */
  public void remember(java.util.Map<String, Digest> files) throws IOException {
    List<CachedHash> known = new ArrayList<>();
    for (java.util.Map.Entry<String, Digest> f : files.entrySet()) {
      known.add(cached(f.getKey(), f.getValue()));
    }
    cache.save(known);
  }

  private CachedHash cached(String relative, Digest d) throws IOException {
    FileStat st = FileStat.of(root.resolve(relative));
    return new CachedHash(relative, st.size(), st.mtimeNanos(), st.inode(), d.hex());
  }

  /** Reads and hashes one file, ignoring the cache. */
  public static Digest hashFile(Path file) throws IOException {
    MessageDigest md = Digest.newSha256();
    byte[] buf = new byte[BUFFER];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return Digest.of(md.digest());
  }

  private PathHash compute(String path) {
    try {
      if (ProjectPaths.isGlob(path)) {
        return hashGlob(path);
      }
      Path abs = root.resolve(path).normalize();
      if (Files.isRegularFile(abs)) {
        List<Walked> one = List.of(new Walked(path, abs, FileStat.of(abs)));
        PathHash.Entry e = hashAll(path, one).get(0);
        return new PathHash(path, PathHash.Kind.FILE, e.digest(), e.size(), List.of());
      }
      if (Files.isDirectory(abs)) {
        List<Walked> files = walk(abs, null);
        List<PathHash.Entry> byProject = hashAll(path, files);
        String prefix = path.equals(".") ? "" : path + "/";
        List<PathHash.Entry> relative = new ArrayList<>(byProject.size());
        long size = 0;
        for (PathHash.Entry e : byProject) {
          relative.add(new PathHash.Entry(e.relativePath().substring(prefix.length()), e.digest(), e.size()));
          size += e.size();
        }
        return new PathHash(path, PathHash.Kind.DIRECTORY, TreeDigest.digest(relative), size, relative);
      }
      return PathHash.missing(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot hash " + path + ": " + e.getMessage(), e);
    }
  }

  private PathHash hashGlob(String glob) throws IOException {
    String base = ProjectPaths.globBase(glob);
    Path dir = base.isEmpty() ? root : root.resolve(base);
    if (!Files.isDirectory(dir)) {
      return PathHash.missing(glob);
    }
    PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
    List<Walked> files = walk(dir, matcher);
    if (files.isEmpty()) {
      return PathHash.missing(glob);
    }
    List<PathHash.Entry> entries = hashAll(base, files);
    long size = entries.stream().mapToLong(PathHash.Entry::size).sum();
    return new PathHash(glob, PathHash.Kind.GLOB, TreeDigest.digest(entries), size, entries);
  }

  /** A file found on disk: its project-relative path, absolute path and stat. */
  private record Walked(String relative, Path absolute, FileStat stat) {}

  private List<Walked> walk(Path dir, PathMatcher matcher) throws IOException {
    List<Walked> out = new ArrayList<>();
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
        String name = d.getFileName() == null ? "" : d.getFileName().toString();
        return !d.equals(dir) && (name.equals(".kiln") || name.equals(".git"))
            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
        if (!attrs.isRegularFile()) {
          return FileVisitResult.CONTINUE;
        }
        String rel = root.relativize(f).toString();
        if (matcher == null || matcher.matches(Path.of(rel))) {
          out.add(new Walked(rel, f, FileStat.of(attrs, f)));
        }
        return FileVisitResult.CONTINUE;
      }
    });
    return out;
  }

  /** Hashes files (cache first), returning entries with project-relative paths. */
  private List<PathHash.Entry> hashAll(String cachePrefix, List<Walked> files) throws IOException {
    Map<String, CachedHash> known = cache.under(cachePrefix.isEmpty() ? "." : cachePrefix);
    PathHash.Entry[] result = new PathHash.Entry[files.size()];
    List<Integer> misses = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      Walked w = files.get(i);
      CachedHash c = known.get(w.relative());
      if (c != null && c.matches(w.stat())) {
        result[i] = new PathHash.Entry(w.relative(), new Digest(c.hex()), w.stat().size());
      } else {
        misses.add(i);
      }
    }
    if (!misses.isEmpty()) {
      List<CachedHash> fresh = hashMisses(files, misses, result);
      cache.save(fresh);
    }
    return List.of(result);
  }

  private List<CachedHash> hashMisses(List<Walked> files, List<Integer> misses, PathHash.Entry[] result)
      throws IOException {
    List<CachedHash> fresh = new ArrayList<>(misses.size());
    if (misses.size() == 1 || threads == 1) {
      for (int i : misses) {
        fresh.add(hashOne(files.get(i), result, i));
      }
      return fresh;
    }
    List<Future<CachedHash>> futures = new ArrayList<>(misses.size());
    for (int i : misses) {
      futures.add(pool().submit(() -> hashOne(files.get(i), result, i)));
    }
    for (Future<CachedHash> f : futures) {
      try {
        fresh.add(f.get());
      } catch (ExecutionException e) {
        throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while hashing", e);
      }
    }
    return fresh;
  }

  private CachedHash hashOne(Walked w, PathHash.Entry[] result, int index) throws IOException {
    Digest d = hashFile(w.absolute());
    result[index] = new PathHash.Entry(w.relative(), d, w.stat().size());
    return new CachedHash(w.relative(), w.stat().size(), w.stat().mtimeNanos(), w.stat().inode(), d.hex());
  }

  private synchronized ExecutorService pool() {
    if (pool == null) {
      pool = Executors.newFixedThreadPool(threads, r -> {
        Thread t = new Thread(r, "kiln-hash");
        t.setDaemon(true);
        return t;
      });
    }
    return pool;
  }

  @Override
  public synchronized void close() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }
}
