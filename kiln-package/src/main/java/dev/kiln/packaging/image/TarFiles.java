package dev.kiln.packaging.image;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/** Reads the small entries of a tar file (the JSON of an image tarball) by name; skips the rest. */
final class TarFiles {
  private TarFiles() {}

  static Map<String, byte[]> read(Path tar, Predicate<String> wanted) throws IOException {
    Map<String, byte[]> out = new LinkedHashMap<>();
    try (InputStream in = new BufferedInputStream(Files.newInputStream(tar), 1 << 16)) {
      byte[] header = new byte[512];
      while (in.readNBytes(header, 0, 512) == 512 && header[0] != 0) {
        String name = text(header, 0, 100);
        String prefix = text(header, 345, 155);
        if (!prefix.isEmpty() && "ustar".equals(text(header, 257, 5))) {
          name = prefix + "/" + name;
        }
        long size = Long.parseLong(text(header, 124, 12).trim().isEmpty() ? "0" : text(header, 124, 12).trim(), 8);
        long padded = (size + 511) / 512 * 512;
        if (header[156] != '5' && wanted.test(name) && size < (16 << 20)) {
          byte[] body = in.readNBytes((int) size);
          out.put(name, body);
          in.skipNBytes(padded - size);
        } else {
          in.skipNBytes(padded);
        }
      }
    }
    return out;
  }

  private static String text(byte[] b, int off, int len) {
    int end = off;
    while (end < off + len && b[end] != 0) {
      end++;
    }
    return new String(b, off, end - off, StandardCharsets.US_ASCII);
  }
}
