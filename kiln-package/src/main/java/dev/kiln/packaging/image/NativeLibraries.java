package dev.kiln.packaging.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The native libraries jars carry for this platform (XGBoost4J's {@code lib/linux/x86_64/}),
 * unpacked so the libraries they load can be found: the jar unpacks them itself at run time,
 * but what they link against must be in the image.
 */
final class NativeLibraries {
  private NativeLibraries() {}

  static List<Path> extract(List<Path> classpath, Path into) throws IOException {
    List<Path> out = new ArrayList<>();
    List<String> arch = ImageBuilder.architecture().equals("amd64") ? List.of("x86_64", "amd64", "x86-64")
        : List.of("aarch64", "arm64");
    int n = 0;
    for (Path p : classpath) {
      if (!Files.isRegularFile(p)) {
        continue;
      }
      try (ZipFile zip = new ZipFile(p.toFile())) {
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
          ZipEntry e = entries.nextElement();
          String name = e.getName().toLowerCase(Locale.ROOT);
          String file = name.substring(name.lastIndexOf('/') + 1);
          boolean library = file.endsWith(".so") || file.contains(".so.");
          if (!e.isDirectory() && library && name.contains("linux") && arch.stream().anyMatch(name::contains)) {
            Path dest = into.resolve((n++) + "-" + file);
            try (InputStream in = zip.getInputStream(e)) {
              Files.copy(in, dest, StandardCopyOption.REPLACE_EXISTING);
            }
            out.add(dest);
          }
        }
      }
    }
    return out;
  }
}
