package dev.kiln.packaging.image;

import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The four layers Kiln adds, ordered by how often they change so a registry and a node reuse
 * the ones before: the Java runtime, the shared libraries (and, on an empty root file system,
 * {@code /etc/passwd} and {@code /tmp}), Kiln's jars, and the bundle — a new model version
 * changes only the last. Every entry has a fixed time (Jib's, one second past the epoch), root
 * ownership and permissions from whether the file is executable, and entries are sorted, so the
 * same files make the same layers.
 */
final class ImageLayers {
  static final String JAVA_HOME = "/opt/java";
  static final String APP = "/app";
  static final String BUNDLE = APP + "/bundle";
  static final String PRIVATE_LIBS = "/opt/kiln/lib";
  static final int UID = 65532;
  private static final Instant TIME = Instant.ofEpochSecond(1);
  private static final FilePermissions EXEC = FilePermissions.fromOctalString("755");
  private static final FilePermissions FILE = FilePermissions.fromOctalString("644");
  private static final List<String> GLIBC = List.of("ld-linux", "libc.so", "libm.so", "libdl.so", "libpthread.so",
      "librt.so", "libresolv.so");

  private ImageLayers() {}

  static FileEntriesLayer runtime(Path jre) throws IOException {
    return tree("runtime", jre, JAVA_HOME);
  }

  /**
   * Without a base, each library at the path the loader looks in, plus a passwd entry for the
   * gateway's user and a world-writable {@code /tmp} (XGBoost4J unpacks its native library there).
   * On a base, the base's C library is used and the rest go to a private directory.
   */
  static FileEntriesLayer libraries(Map<String, Path> libs, boolean onBase, Path staging) throws IOException {
    List<FileEntry> entries = new ArrayList<>();
    libs.forEach((imagePath, host) -> {
      if (!onBase) {
        entries.add(entry(host, imagePath, EXEC));
      } else if (GLIBC.stream().noneMatch(Path.of(imagePath).getFileName().toString()::startsWith)) {
        entries.add(entry(host, PRIVATE_LIBS + "/" + Path.of(imagePath).getFileName(), EXEC));
      }
    });
    if (!onBase) {
      Path etc = Files.createDirectories(staging.resolve("etc"));
      Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/sbin/nologin\n"
          + "kiln:x:" + UID + ":" + UID + ":Kiln gateway:" + APP + ":/sbin/nologin\n", StandardCharsets.UTF_8);
      Files.writeString(etc.resolve("group"), "root:x:0:\nkiln:x:" + UID + ":\n", StandardCharsets.UTF_8);
      entries.add(entry(etc.resolve("passwd"), "/etc/passwd", FILE));
      entries.add(entry(etc.resolve("group"), "/etc/group", FILE));
      Path tmp = Files.createDirectories(staging.resolve("tmp"));
      entries.add(entry(tmp, "/tmp", FilePermissions.fromOctalString("777")));
    }
    return layer("libraries", entries);
  }

  /** Kiln's jars in {@code /app/lib}, module directories of a development build in {@code /app/classes}. */
  static FileEntriesLayer kiln(List<Path> classpath) throws IOException {
    List<FileEntry> entries = new ArrayList<>();
    for (Path p : classpath) {
      if (Files.isDirectory(p)) {
        entries.addAll(tree("kiln", p, classesDir(p)).getEntries());
      } else {
        entries.add(entry(p, APP + "/lib/" + p.getFileName(), FILE));
      }
    }
    return layer("kiln", entries);
  }

  static FileEntriesLayer bundle(Path bundle) throws IOException {
    return tree("bundle", bundle, BUNDLE);
  }

  /** Where a classpath entry is in the image. */
  static String inImage(Path entry) {
    return Files.isDirectory(entry) ? classesDir(entry) : APP + "/lib/" + entry.getFileName();
  }

  private static String classesDir(Path dir) {
    // a module's target/classes: name it by the module
    Path module = dir.getParent() != null && dir.getParent().getParent() != null ? dir.getParent().getParent() : dir;
    return APP + "/classes/" + module.getFileName();
  }

  private static FileEntriesLayer tree(String name, Path root, String into) throws IOException {
    List<FileEntry> entries = new ArrayList<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.sorted().toList()) {
        String rel = root.relativize(p).toString().replace('\\', '/');
        String target = rel.isEmpty() ? into : into + "/" + rel;
        boolean exec = Files.isDirectory(p) || Files.isExecutable(p);
        entries.add(entry(p, target, exec ? EXEC : FILE));
      }
    }
    return layer(name, entries);
  }

  private static FileEntry entry(Path source, String target, FilePermissions permissions) {
    return new FileEntry(source, AbsoluteUnixPath.get(target), permissions, TIME, "0:0");
  }

  private static FileEntriesLayer layer(String name, List<FileEntry> entries) {
    List<FileEntry> sorted = new ArrayList<>(entries);
    sorted.sort(Comparator.comparing(e -> e.getExtractionPath().toString()));
    return FileEntriesLayer.builder().setName(name).setEntries(sorted).build();
  }
}
