package dev.kiln.data.read;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the first malformed line of a CSV file when DuckDB cannot read it: invalid UTF-8, a
 * quoted field that never closes, or a line with a different number of fields than the header;
 * and tells whether records end in both CRLF and LF, which DuckDB's strict parser refuses.
 * Streams the file once with constant memory; used only on the error path.
 */
final class CsvDiagnosis {
  private final char delimiter;
  private final char quote;

  CsvDiagnosis(char delimiter, char quote) {
    this.delimiter = delimiter;
    this.quote = quote;
  }

  /** Guesses the delimiter from the first line: the most frequent of , ; | and tab. */
  static char guessDelimiter(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      int[] freq = new int[4];
      char[] cands = {',', ';', '|', '\t'};
      int b;
      while ((b = in.read()) != -1 && b != '\n') {
        for (int i = 0; i < cands.length; i++) {
          if (b == cands[i]) {
            freq[i]++;
          }
        }
      }
      int best = 0;
      for (int i = 1; i < freq.length; i++) {
        if (freq[i] > freq[best]) {
          best = i;
        }
      }
      return cands[best];
    }
  }

  /** Whether some records end with CRLF and others with a bare LF (line breaks inside quotes aside). */
  boolean mixedLineEndings(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      boolean quoted = false;
      boolean crlf = false;
      boolean lf = false;
      int previous = -1;
      int b;
      while ((b = in.read()) != -1 && !(crlf && lf)) {
        if (b == quote) {
          quoted = !quoted;
        } else if (b == '\n' && !quoted) {
          crlf |= previous == '\r';
          lf |= previous != '\r';
        }
        previous = b;
      }
      return crlf && lf;
    }
  }

  /** The first problem as "LINE: message", if there is one. */
  Optional<String> firstProblem(Path file) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
      return scan(in);
    }
  }

  private Optional<String> scan(InputStream in) throws IOException {
    long line = 1;
    long recordStart = 1;
    int expected = -1;
    int fields = 1;
    boolean quoted = false;
    boolean any = false;
    int b;
    while ((b = in.read()) != -1) {
      if (b >= 0x80) {
        Optional<String> bad = utf8(b, in, line);
        if (bad.isPresent()) {
          return bad;
        }
        any = true;
        continue;
      }
      if (b == quote) {
        quoted = !quoted;
      } else if (b == delimiter && !quoted) {
        fields++;
      } else if (b == '\n') {
        line++;
        if (!quoted) {
          if (any || fields > 1) {
            if (expected < 0) {
              expected = fields;
            } else if (fields != expected) {
              return Optional.of(recordStart + ": expected " + expected + " fields (as in the first line), found " + fields);
            }
          }
          fields = 1;
          any = false;
          recordStart = line;
          continue;
        }
      }
      if (b != '\r') {
        any = true;
      }
    }
    if (quoted) {
      return Optional.of(recordStart + ": a quoted field starts here and is never closed");
    }
    if (any && expected >= 0 && fields != expected) {
      return Optional.of(recordStart + ": expected " + expected + " fields (as in the first line), found " + fields);
    }
    return Optional.empty();
  }

  private static Optional<String> utf8(int first, InputStream in, long line) throws IOException {
    int extra = (first & 0xE0) == 0xC0 ? 1 : (first & 0xF0) == 0xE0 ? 2 : (first & 0xF8) == 0xF0 ? 3 : -1;
    if (extra < 0) {
      return Optional.of(line + ": invalid UTF-8 (byte 0x" + Integer.toHexString(first).toUpperCase() + "); "
          + "re-encode the file as UTF-8");
    }
    for (int i = 0; i < extra; i++) {
      in.mark(1);
      int c = in.read();
      if (c == -1 || (c & 0xC0) != 0x80) {
        return Optional.of(line + ": invalid UTF-8 (truncated sequence after byte 0x"
            + Integer.toHexString(first).toUpperCase() + "); re-encode the file as UTF-8");
      }
    }
    return Optional.empty();
  }
}
