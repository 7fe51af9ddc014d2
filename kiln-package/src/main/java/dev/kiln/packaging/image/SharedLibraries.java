package dev.kiln.packaging.image;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The shared libraries a set of ELF files loads, found as the dynamic loader (and so
 * {@code ldd}) finds them: each {@code DT_NEEDED} name is looked up in the file's
 * {@code RUNPATH} ({@code $ORIGIN} is its directory), then the directories of
 * {@code /etc/ld.so.conf}, then the default ones; the loader named by {@code PT_INTERP} is
 * included. A name one of the roots bears is that root (the JVM loads {@code libjvm.so} before
 * {@code libjava.so}, which needs it by name), and libraries under a {@code provided} directory (the Java runtime's own) are already in
 * the image and left out. {@link #find} maps each library's path in the image (where the loader
 * will look: the directory it was found in and the name asked for) to the real file on this host.
 */
final class SharedLibraries {
  private static final List<String> DEFAULT_DIRS = List.of("/lib", "/usr/lib", "/lib64", "/usr/lib64");

  private final List<String> searchDirs;

  SharedLibraries(List<String> searchDirs) {
    this.searchDirs = List.copyOf(searchDirs);
  }

  /** The loader's search path on this host: ld.so.conf (with its includes), then the defaults. */
  static SharedLibraries ofHost() throws IOException {
    Set<String> dirs = new LinkedHashSet<>();
    readConf(Path.of("/etc/ld.so.conf"), dirs, new HashSet<>());
    dirs.addAll(DEFAULT_DIRS);
    return new SharedLibraries(new ArrayList<>(dirs));
  }

  /** Image path → host file, for every library {@code roots} load, transitively. */
  Map<String, Path> find(List<Path> roots, List<Path> provided) throws IOException {
    Map<String, Path> found = new TreeMap<>();
    List<String> missing = new ArrayList<>();
    Set<Path> seen = new HashSet<>();
    Deque<Path> todo = new ArrayDeque<>(roots);
    Set<String> ours = new HashSet<>();
    roots.forEach(r -> ours.add(r.getFileName().toString()));
    while (!todo.isEmpty()) {
      Path file = todo.pop();
      if (!seen.add(file.toRealPath())) {
        continue;
      }
      ElfFile elf = ElfFile.read(file);
      if (elf.interpreter().isPresent()) {
        Path loader = Path.of(elf.interpreter().get());
        if (Files.exists(loader)) {
          found.put(loader.toString(), loader.toRealPath());
        } else {
          missing.add(loader + " (the loader of " + file + ")");
        }
      }
      for (String name : elf.needed()) {
        if (ours.contains(name)) {
          continue;
        }
        Located at = locate(name, file, elf.runPath());
        if (at == null) {
          missing.add(name + " (needed by " + file + ")");
        } else if (provided.stream().noneMatch(p -> at.host.startsWith(p))) {
          if (found.putIfAbsent(at.imagePath, at.host) == null) {
            todo.push(at.host);
          }
        }
      }
    }
    if (!missing.isEmpty()) {
      throw new IOException("cannot find the shared libraries " + String.join(", ", missing)
          + " in the loader's search path " + searchDirs);
    }
    return found;
  }

  /** The directories, in search order, that hold the libraries in {@code found}. */
  List<String> directoriesOf(Map<String, Path> found) {
    Set<String> used = new HashSet<>();
    found.keySet().forEach(p -> used.add(Path.of(p).getParent().toString()));
    return searchDirs.stream().filter(used::contains).toList();
  }

  private record Located(String imagePath, Path host) {}

  private Located locate(String name, Path from, List<String> runPath) throws IOException {
    if (name.contains("/")) {
      Path p = Path.of(name);
      return Files.exists(p) ? new Located(p.toString(), p.toRealPath()) : null;
    }
    for (String dir : runPath) {
      Path d = Path.of(dir.replace("$ORIGIN", from.toAbsolutePath().getParent().toString())
          .replace("${ORIGIN}", from.toAbsolutePath().getParent().toString()));
      Path p = d.resolve(name);
      if (Files.exists(p)) {
        return new Located(d.normalize().resolve(name).toString(), p.toRealPath());
      }
    }
    for (String dir : searchDirs) {
      Path p = Path.of(dir, name);
      if (Files.exists(p)) {
        return new Located(p.toString(), p.toRealPath());
      }
    }
    return null;
  }

  private static void readConf(Path conf, Set<String> dirs, Set<Path> read) throws IOException {
    if (!Files.isRegularFile(conf) || !read.add(conf.toRealPath())) {
      return;
    }
    for (String raw : Files.readAllLines(conf)) {
      String line = raw.replaceAll("#.*", "").trim();
      if (line.startsWith("include ")) {
        String pattern = line.substring("include ".length()).trim();
        Path p = Path.of(pattern);
        Path parent = p.isAbsolute() ? p.getParent() : conf.getParent().resolve(p).getParent();
        if (parent != null && Files.isDirectory(parent)) {
          try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent, p.getFileName().toString())) {
            List<Path> files = new ArrayList<>();
            ds.forEach(files::add);
            files.sort(null);
            for (Path f : files) {
              readConf(f, dirs, read);
            }
          }
        }
      } else if (line.startsWith("/")) {
        dirs.add(line);
      }
    }
  }
}
