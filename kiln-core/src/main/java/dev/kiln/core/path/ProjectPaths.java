package dev.kiln.core.path;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.Paths;

/** Project-relative path strings: normalisation, globs, and whether two paths overlap. */
public final class ProjectPaths {
  private ProjectPaths() {}

  /**
   * Normalises a path as written in kiln.yaml: {@code ./data//x/} becomes {@code data/x}.
   * Returns {@code null} for paths that leave the project when {@code insideOnly} is set.
   */
  public static String normalize(String written) {
    String p = written.trim().replace('\\', '/');
    if (isGlob(p)) {
      while (p.startsWith("./")) {
        p = p.substring(2);
      }
      return p;
    }
    String n = Paths.get(p).normalize().toString();
    if (n.isEmpty()) {
      return ".";
    }
    return n.endsWith("/") && n.length() > 1 ? n.substring(0, n.length() - 1) : n;
  }

  public static boolean isGlob(String path) {
    return path.indexOf('*') >= 0 || path.indexOf('?') >= 0 || path.indexOf('[') >= 0 || path.indexOf('{') >= 0;
  }

  public static boolean leavesProject(String normalized) {
    return normalized.equals("..") || normalized.startsWith("../") || normalized.startsWith("/");
  }

  /** True when one path is the other or lies inside it. */
  public static boolean overlaps(String a, String b) {
    return a.equals(b) || a.equals(".") || b.equals(".") || a.startsWith(b + "/") || b.startsWith(a + "/");
  }

  /** True when a dependency (path or glob) would read something an output writes. */
  public static boolean depReadsOut(String dep, String out) {
    if (!isGlob(dep)) {
      return overlaps(dep, out);
    }
    PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + dep);
    if (m.matches(Path.of(out))) {
      return true;
    }
    String base = globBase(dep);
    return base.isEmpty() || overlaps(base, out) && out.startsWith(base);
  }

  /** The directory part of a glob before its first wildcard: {@code data/raw} for {@code data/raw/*.csv}. */
  public static String globBase(String glob) {
    int wildcard = glob.length();
    for (char c : new char[] {'*', '?', '[', '{'}) {
      int i = glob.indexOf(c);
      if (i >= 0 && i < wildcard) {
        wildcard = i;
      }
    }
    int slash = glob.lastIndexOf('/', wildcard);
    return slash < 0 ? "" : glob.substring(0, slash);
  }
}
