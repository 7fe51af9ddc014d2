package dev.kiln.serve.requestlog;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * Where and how much the gateway logs: off unless {@code dir} is given; then a share
 * {@code sample} of requests (default 0.01, 1%) has every row written, with the prediction, to
 * JSON Lines files of at most {@code maxFileBytes} (default 64 MiB), of which the newest
 * {@code maxFiles} (default 10) are kept; the values of the {@code redact} columns are written as
 * null. A writer thread takes rows from a queue of {@code queue} requests; a full queue drops.
 */
public record RequestLogOptions(Optional<Path> dir, double sample, long maxFileBytes, int maxFiles, Set<String> redact,
    int queue) {
  public static final double DEFAULT_SAMPLE = 0.01;
  public static final long DEFAULT_MAX_FILE_BYTES = 64L << 20;
  public static final int DEFAULT_MAX_FILES = 10;
  public static final int DEFAULT_QUEUE = 4096;
  public static final RequestLogOptions OFF = new RequestLogOptions(Optional.empty(), DEFAULT_SAMPLE,
      DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_FILES, Set.of(), DEFAULT_QUEUE);

  public RequestLogOptions {
    redact = Set.copyOf(redact);
    if (!(sample >= 0 && sample <= 1)) {
      throw new IllegalArgumentException("the log sample is a share from 0 to 1, found " + sample);
    }
    if (maxFileBytes < 1024) {
      throw new IllegalArgumentException("a request log file needs at least 1 KiB, found " + maxFileBytes + " bytes");
    }
    if (maxFiles < 1) {
      throw new IllegalArgumentException("the request log keeps 1 file or more, found " + maxFiles);
    }
    if (queue < 1) {
      throw new IllegalArgumentException("the request log's queue holds 1 request or more, found " + queue);
    }
  }

  public static RequestLogOptions into(Path dir) {
    return new RequestLogOptions(Optional.of(dir), DEFAULT_SAMPLE, DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_FILES, Set.of(),
        DEFAULT_QUEUE);
  }

  public boolean enabled() {
    return dir.isPresent() && sample > 0;
  }

  public RequestLogOptions withSample(double s) {
    return new RequestLogOptions(dir, s, maxFileBytes, maxFiles, redact, queue);
  }

  public RequestLogOptions withFiles(long bytes, int files) {
    return new RequestLogOptions(dir, sample, bytes, files, redact, queue);
  }

  public RequestLogOptions withRedact(Set<String> columns) {
    return new RequestLogOptions(dir, sample, maxFileBytes, maxFiles, columns, queue);
  }

  public RequestLogOptions withQueue(int q) {
    return new RequestLogOptions(dir, sample, maxFileBytes, maxFiles, redact, q);
  }
}
