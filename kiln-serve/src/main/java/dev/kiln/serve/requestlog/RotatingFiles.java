package dev.kiln.serve.requestlog;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Size-capped JSON Lines files in one directory, {@code requests-000001.jsonl},
 * {@code requests-000002.jsonl}, …: a line that would take the current file past the cap starts
 * the next file (a file holds whole lines only, and at least one), and the oldest files are
 * deleted so at most {@code maxFiles} remain. A restarted gateway goes on after the highest
 * number it finds. One writer thread uses it.
 */
final class RotatingFiles implements AutoCloseable {
  static final Pattern NAME = Pattern.compile("requests-(\\d{6,})\\.jsonl");
  private final Path dir;
  private final long maxBytes;
  private final int maxFiles;
  private long sequence;
  private OutputStream out;
  private long size;

  RotatingFiles(Path dir, long maxBytes, int maxFiles) throws IOException {
    this.dir = dir;
    this.maxBytes = maxBytes;
    this.maxFiles = maxFiles;
    Files.createDirectories(dir);
    List<Long> existing = sequences();
    sequence = existing.isEmpty() ? 0 : existing.get(existing.size() - 1);
  }

  void write(byte[] line) throws IOException {
    if (out == null || (size > 0 && size + line.length > maxBytes)) {
      next();
    }
    out.write(line);
    size += line.length;
  }

  void flush() throws IOException {
    if (out != null) {
      out.flush();
    }
  }

  private void next() throws IOException {
    close();
    sequence++;
    out = new java.io.BufferedOutputStream(Files.newOutputStream(file(sequence), StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE), 64 * 1024);
    size = 0;
    List<Long> all = sequences();
    for (int i = 0; i < all.size() - maxFiles; i++) {
      Files.deleteIfExists(file(all.get(i)));
    }
  }

  Path file(long n) {
    return dir.resolve(String.format("requests-%06d.jsonl", n));
  }

  private List<Long> sequences() throws IOException {
    List<Long> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.forEach(p -> {
        Matcher m = NAME.matcher(p.getFileName().toString());
        if (m.matches()) {
          out.add(Long.parseLong(m.group(1)));
        }
      });
    }
    out.sort(null);
    return out;
  }

  @Override
  public void close() throws IOException {
    if (out != null) {
      out.close();
      out = null;
    }
  }
}
