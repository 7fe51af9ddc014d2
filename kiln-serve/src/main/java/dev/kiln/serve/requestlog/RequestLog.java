package dev.kiln.serve.requestlog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.kiln.model.features.Columns;
import dev.kiln.model.predict.Predictions;
import dev.kiln.model.signature.Task;
import dev.kiln.serve.input.Field;
import dev.kiln.serve.route.ServedVersion;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sampled request and response logging: a share of requests ({@link RequestLogOptions#sample()})
 * is queued, and a writer thread of its own writes one JSON object per row — the input columns
 * by name in signature order (redacted ones as null), then {@code kiln_prediction} (the decided
 * class or predicted number), {@code kiln_score} (a binary classifier's positive-class
 * probability, else the decided class's), {@code kiln_model}, {@code kiln_version},
 * {@code kiln_request_id} and {@code kiln_time} — to {@link RotatingFiles}. The files are JSON
 * Lines that DuckDB's {@code read_json} reads, so {@code kiln validate} and {@code kiln profile}
 * take them as they are. A full queue drops the request and counts it; the request never waits.
 */
public final class RequestLog implements AutoCloseable {
  private static final JsonFactory JSON = new JsonFactory();
  private final RequestLogOptions options;
  private final Clock clock;
  private final double threshold;
  private final BlockingQueue<Entry> queue;
  private final RotatingFiles files;
  private final Thread writer;
  private final AtomicLong logged = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private volatile boolean closing;

  private record Entry(Instant at, String requestId, ServedVersion version, Columns rows, Predictions predictions) {}

  private RequestLog(RequestLogOptions options, Clock clock, double threshold) throws IOException {
    this.options = options;
    this.clock = clock;
    this.threshold = threshold;
    this.queue = new ArrayBlockingQueue<>(options.queue());
    this.files = new RotatingFiles(options.dir().orElseThrow(), options.maxFileBytes(), options.maxFiles());
    this.writer = new Thread(this::drain, "kiln-request-log");
    writer.setDaemon(true);
    writer.start();
  }

  /** A log writing into {@code options.dir()}; the directory is created. */
  public static RequestLog start(RequestLogOptions options, Clock clock, double threshold) throws IOException {
    return new RequestLog(options, clock, threshold);
  }

  public RequestLogOptions options() {
    return options;
  }

  /** Maybe logs one answered request (sampled); never blocks. */
  public void record(String requestId, ServedVersion v, Columns rows, Predictions p) {
    double s = options.sample();
    if (closing || (s < 1 && ThreadLocalRandom.current().nextDouble() >= s)) {
      return;
    }
    if (!queue.offer(new Entry(clock.instant(), requestId, v, rows, p))) {
      dropped.incrementAndGet();
    }
  }

  /** Requests written. */
  public long logged() {
    return logged.get();
  }

  /** Requests sampled but dropped because the queue was full. */
  public long dropped() {
    return dropped.get();
  }

  /** Requests that could not be written (the disk said no). */
  public long failed() {
    return failed.get();
  }

  private void drain() {
    while (true) {
      try {
        Entry e = queue.poll(200, TimeUnit.MILLISECONDS);
        if (e == null) {
          files.flush();
          if (closing) {
            return;
          }
          continue;
        }
        write(e);
      } catch (InterruptedException ie) {
        return;
      } catch (IOException | RuntimeException ex) {
        failed.incrementAndGet();
      }
    }
  }

  private void write(Entry e) throws IOException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream(512);
    for (int r = 0; r < e.rows().rows(); r++) {
      buf.reset();
      try (JsonGenerator g = JSON.createGenerator(buf)) {
        row(g, e, r);
      }
      buf.write('\n');
      files.write(buf.toByteArray());
    }
    logged.incrementAndGet();
  }

  private void row(JsonGenerator g, Entry e, int r) throws IOException {
    g.writeStartObject();
    for (Field f : e.version().schema().fields()) {
      g.writeFieldName(f.name());
      if (options.redact().contains(f.name()) || !e.rows().has(f.name())) {
        g.writeNull();
      } else if (e.rows().isNumeric(f.name())) {
        double v = e.rows().numbers(f.name()).orElseThrow()[r];
        if (Double.isNaN(v) || Double.isInfinite(v)) {
          g.writeNull();
        } else {
          g.writeNumber(v);
        }
      } else {
        g.writeString(e.rows().strings(f.name())[r]);
      }
    }
    prediction(g, e.predictions(), e.version().task(), r);
    g.writeStringField("kiln_model", e.version().model());
    g.writeNumberField("kiln_version", e.version().version());
    g.writeStringField("kiln_request_id", e.requestId());
    g.writeStringField("kiln_time", e.at().toString());
    g.writeEndObject();
  }

  private void prediction(JsonGenerator g, Predictions p, Task task, int r) throws IOException {
    if (p instanceof Predictions.Classes c && task instanceof Task.Classification k) {
      int d = c.decide(r, k, threshold);
      g.writeStringField("kiln_prediction", k.classes().get(d));
      g.writeNumberField("kiln_score", c.probabilities()[r][k.binary() ? k.positiveIndex() : d]);
    } else if (p instanceof Predictions.Scores s) {
      g.writeNumberField("kiln_prediction", s.values()[r]);
    }
  }

  /** Writes what is queued, then stops. */
  @Override
  public void close() {
    closing = true;
    try {
      writer.join(10_000);
      files.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      failed.incrementAndGet();
    }
  }
}
