package dev.kiln.packaging.image;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files the gateway runs on: kiln-serve and its runtime dependencies, as its build listed them
 * ({@code META-INF/kiln/gateway-classpath.txt}), found on the classpath of the running JVM (the
 * distribution's {@code lib/}, or a build's module directories and local repository). A model's
 * bundle needs one backend, so {@link #forFormat} leaves out the others' jars (ONNX Runtime's is
 * 93 MB), as GatewayMainTest shows the gateway runs without them. A jar that Maven mediated to
 * another version on Kiln's classpath is taken in that version.
 */
public record GatewayClasspath(List<Path> entries) {
  static final String RESOURCE = "META-INF/kiln/gateway-classpath.txt";
  private static final Pattern KILN_MODULE = Pattern.compile("(kiln-[a-z]+)-\\d.*\\.jar");
  private static final Pattern VERSIONED = Pattern.compile("(.+?)-\\d[^/]*\\.jar");

  public GatewayClasspath {
    entries = List.copyOf(entries);
  }

  /** The gateway's entries on this JVM's classpath; fails naming the first one it cannot find. */
  public static GatewayClasspath ofThisJvm() {
    return of(List.of(System.getProperty("java.class.path").split(File.pathSeparator)).stream().map(Path::of).toList());
  }

  static GatewayClasspath of(List<Path> jvmClasspath) {
    List<String> names = new ArrayList<>(listed());
    names.add(0, "kiln-serve-0.jar");
    Map<String, Path> found = new LinkedHashMap<>();
    for (String name : names) {
      Path p = find(name, jvmClasspath);
      if (p == null) {
        throw new ImageException("the gateway needs " + name + ", which is not on Kiln's classpath: reinstall Kiln");
      }
      found.putIfAbsent(p.toString(), p);
    }
    return new GatewayClasspath(new ArrayList<>(found.values()));
  }

  private static List<String> listed() {
    try (InputStream in = GatewayClasspath.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new ImageException("kiln-serve is not on Kiln's classpath (no " + RESOURCE + "): reinstall Kiln");
      }
      List<String> out = new ArrayList<>();
      for (String item : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("[:\\n]")) {
        String name = item.strip();
        if (!name.isEmpty()) {
          out.add(name.substring(name.lastIndexOf('/') + 1));
        }
      }
      return out;
    } catch (IOException e) {
      throw new ImageException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
    }
  }

  /** The entry of that file name; else the same artifact in another version (Maven mediated it otherwise). */
  private static Path find(String name, List<Path> classpath) {
    Path exact = findExact(name, classpath);
    Matcher versioned = VERSIONED.matcher(name);
    if (exact != null || !versioned.matches()) {
      return exact;
    }
    String stem = Pattern.quote(versioned.group(1)) + "-\\d[^/]*\\.jar";
    return classpath.stream().filter(p -> p.getFileName() != null && p.getFileName().toString().matches(stem))
        .findFirst().orElse(null);
  }

  private static Path findExact(String name, List<Path> classpath) {
    Matcher kiln = KILN_MODULE.matcher(name);
    for (Path p : classpath) {
      String file = p.getFileName() == null ? "" : p.getFileName().toString();
      if (file.equals(name)) {
        return p;
      }
      if (kiln.matches()) {
        String module = kiln.group(1);
        if (file.matches(Pattern.quote(module) + "-\\d.*\\.jar")
            || (Files.isDirectory(p) && p.endsWith(Path.of(module, "target", "classes")))) {
          return p;
        }
      }
    }
    return null;
  }

  /** The entries a bundle of this model format needs: the other backends' jars are left out. */
  public GatewayClasspath forFormat(String format) {
    List<String> leaveOut = switch (format) {
      case "xgboost" -> List.of("onnxruntime-", "tribuo-");
      default -> List.of();
    };
    return new GatewayClasspath(entries.stream()
        .filter(p -> leaveOut.stream().noneMatch(prefix -> p.getFileName().toString().startsWith(prefix)))
        .toList());
  }
}
