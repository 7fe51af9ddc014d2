package dev.kiln.serve.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.model.features.Columns;
import dev.kiln.model.predict.Predictions;
import dev.kiln.model.signature.Task;
import dev.kiln.serve.input.ClientError;
import dev.kiln.serve.input.Field;
import dev.kiln.serve.input.Limits;
import dev.kiln.serve.input.Schema;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Live accuracy from late labels: every answered prediction is journaled under its request id
 * ({@code id}, or {@code id#row} in a batch) or its key column's value; labels posted later, in any
 * order, are matched to it and scored per version, cumulatively and per window of label-arrival
 * time, with the metric code {@code kiln evaluate} uses. Labels for ids the journal no longer holds
 * are counted as unknown, repeated labels as duplicates (counted once). Closed windows go to the
 * listeners. Time comes from the {@link Clock}: {@link #tick} closes due windows, and every call does.
 */
public final class Feedback {
  private final FeedbackOptions options;
  private final Clock clock;
  private final Journal journal;
  private final Map<String, Board> boards = new LinkedHashMap<>();
  private final List<Consumer<AccuracyWindow>> listeners = new CopyOnWriteArrayList<>();
  private long accepted;
  private long unknown;
  private long duplicate;
  private long unkeyed;
  private final Map<Schema, Schema> keyed = new WeakHashMap<>();

  public Feedback(FeedbackOptions options, Clock clock) {
    this.options = options;
    this.clock = clock;
    this.journal = new Journal(options.journalSize(), options.maxAge().toMillis());
  }

  public FeedbackOptions options() {
    return options;
  }

  /** Receives every closed window with labels, on the thread that closed it. */
  public void listen(Consumer<AccuracyWindow> listener) {
    listeners.add(listener);
  }

  /**
   * Journals an answered request's predictions: under {@code requestId} for one row, under
   * {@code requestId#row} for each row of a batch, or under the row's key value when {@code keys}
   * is given (rows without a key value are not journaled, and counted).
   */
  public void record(String model, int version, Task task, double threshold, String requestId, Predictions p,
      String[] keys) {
    List<AccuracyWindow> closed;
    synchronized (this) {
      long now = clock.millis();
      closed = closeDue(now);
      Board b = board(model, version, task, now);
      for (int r = 0; r < p.rows(); r++) {
        String key = keys != null ? keys[r] : p.rows() == 1 ? requestId : requestId + "#" + r;
        if (key == null) {
          unkeyed++;
          continue;
        }
        journal.put(key, entry(b, now, task, threshold, p, r));
      }
      journal.expire(now);
    }
    emit(closed);
  }

  private static Journaled entry(Board b, long now, Task task, double threshold, Predictions p, int r) {
    if (p instanceof Predictions.Classes c && task instanceof Task.Classification k) {
      return new Journaled(b, now, c.decide(r, k, threshold), c.probabilities()[r], Double.NaN);
    }
    return new Journaled(b, now, -1, null, ((Predictions.Scores) p).values()[r]);
  }

  private Board board(String model, int version, Task task, long now) {
    return boards.computeIfAbsent(model + ":" + version, k -> new Board(model, version, task, now,
        options.maxLabels(), options.window().toMillis()));
  }

  /**
   * Takes a {@code POST /feedback} body: every label is checked first (a label the matched
   * model cannot have is a 400 and nothing is taken), then matched and counted.
   */
  public Receipt label(byte[] body, Limits limits) {
    List<Label> labels = LabelsBody.parse(body, limits, options.keyColumn());
    List<AccuracyWindow> closed = List.of();
    try {
      synchronized (this) {
        long now = clock.millis();
        closed = closeDue(now);
        List<Journaled> found = new ArrayList<>(labels.size());
        List<Outcome> outcomes = new ArrayList<>(labels.size());
        for (Label l : labels) {
          Journaled j = find(l.key(), now);
          found.add(j);
          outcomes.add(j == null ? null : outcome(l, j, now));
        }
        return take(found, outcomes);
      }
    } finally {
      emit(closed);
    }
  }

  private Journaled find(String key, long now) {
    Journaled j = journal.get(key, now);
    if (j == null && key.endsWith("#0")) {
      j = journal.get(key.substring(0, key.length() - 2), now);
    }
    return j;
  }

  /**
   * The schema requests are read with: the model's, plus the key column as text when labels are
   * matched by a key column the model does not take (the column is then required in every request).
   */
  public Schema schema(Schema model) {
    if (options.keyColumn().isEmpty() || model.indexOf(options.keyColumn().get()).isPresent()) {
      return model;
    }
    synchronized (keyed) {
      return keyed.computeIfAbsent(model, m -> {
        List<Field> fields = new ArrayList<>(m.fields());
        fields.add(new Field(options.keyColumn().get(), Field.Kind.TEXT,
            List.of()));
        return new Schema(fields);
      });
    }
  }

  /** The key column's values of predicted rows, or null when labels are matched by request id. */
  public String[] keys(Columns rows) {
    return options.keyColumn().map(rows::strings).orElse(null);
  }

  private Receipt take(List<Journaled> found, List<Outcome> outcomes) {
    long a = 0;
    long u = 0;
    long d = 0;
    for (int i = 0; i < found.size(); i++) {
      Journaled j = found.get(i);
      if (j == null) {
        u++;
      } else if (j.labelled) {
        d++;
      } else {
        j.labelled = true;
        j.board.add(outcomes.get(i));
        a++;
      }
    }
    accepted += a;
    unknown += u;
    duplicate += d;
    return new Receipt(a, u, d);
  }

  /** The label as the matched version's truth: one of its classes, or a number for a regressor. */
  private static Outcome outcome(Label l, Journaled j, long now) {
    JsonNode v = l.value();
    if (j.board.task instanceof Task.Classification c) {
      String text = classText(v);
      int k = c.classes().indexOf(text);
      if (k < 0) {
        throw new ClientError(400, "unknown_class", null, l.where() + ".label '" + abbreviate(text)
            + "' is not one of the classes of " + j.board.model + ":" + j.board.version + " " + c.classes());
      }
      return new Outcome(now, k, Double.NaN, j);
    }
    if (!v.isNumber()) {
      throw ClientError.bad("wrong_type", l.where() + ".label must be a number: " + j.board.model + ":"
          + j.board.version + " is a regressor");
    }
    return new Outcome(now, -1, v.doubleValue(), j);
  }

  /** A label as the data reader writes class values: {@code 1}, not {@code 1.0}. */
  private static String classText(JsonNode v) {
    if (v.isNumber() && !v.isIntegralNumber()) {
      double d = v.doubleValue();
      return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
    return v.asText();
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 37) + "...";
  }

  /** Closes the windows the clock has passed, and hands them to the listeners. */
  public List<AccuracyWindow> tick() {
    List<AccuracyWindow> closed;
    synchronized (this) {
      closed = closeDue(clock.millis());
    }
    emit(closed);
    return closed;
  }

  private List<AccuracyWindow> closeDue(long now) {
    List<AccuracyWindow> closed = new ArrayList<>();
    for (Board b : boards.values()) {
      b.close(now).ifPresent(closed::add);
    }
    return closed;
  }

  private void emit(List<AccuracyWindow> closed) {
    for (AccuracyWindow w : closed) {
      for (Consumer<AccuracyWindow> l : listeners) {
        l.accept(w);
      }
    }
  }

  /** A version's metrics over every label kept since it started serving (start: its first prediction). */
  public synchronized Optional<AccuracyWindow> cumulative(String model, int version) {
    Board b = boards.get(model + ":" + version);
    if (b == null) {
      return Optional.empty();
    }
    List<Outcome> rows = b.all();
    return Optional.of(new AccuracyWindow(model, version, Instant.ofEpochMilli(b.since), clock.instant(), rows.size(),
        LiveMetrics.of(b.task, rows).metrics()));
  }

  /** Everything {@code GET /feedback} shows, as of now. */
  public FeedbackSnapshot snapshot() {
    List<AccuracyWindow> closed;
    FeedbackSnapshot s;
    synchronized (this) {
      long now = clock.millis();
      closed = closeDue(now);
      journal.expire(now);
      List<FeedbackSnapshot.Version> versions = new ArrayList<>();
      for (Board b : boards.values()) {
        versions.add(version(b));
      }
      s = new FeedbackSnapshot(Instant.ofEpochMilli(now), options, journal.size(), journal.evictedByCount(),
          journal.evictedByAge(), unkeyed, new Receipt(accepted, unknown, duplicate), versions);
    }
    emit(closed);
    return s;
  }

  private static FeedbackSnapshot.Version version(Board b) {
    List<Outcome> open = b.openWindow();
    return new FeedbackSnapshot.Version(b.model, b.version, b.task.word(), Instant.ofEpochMilli(b.since), b.labels(),
        b.dropped(), LiveMetrics.of(b.task, b.all()),
        b.windowStart() < 0 ? Optional.empty() : Optional.of(new FeedbackSnapshot.Window(
            Instant.ofEpochMilli(b.windowStart()), Instant.ofEpochMilli(b.windowEnd()), open.size(),
            LiveMetrics.of(b.task, open))), b.lastClosed());
  }
}
