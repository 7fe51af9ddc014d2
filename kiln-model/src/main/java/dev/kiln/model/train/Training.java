package dev.kiln.model.train;

import dev.kiln.data.profile.Profiler;
import dev.kiln.data.read.DataSource;
import dev.kiln.data.read.ReadOptions;
import dev.kiln.model.evaluate.Evaluation;
import dev.kiln.model.evaluate.EvaluationOptions;
import dev.kiln.model.evaluate.Evaluator;
import dev.kiln.model.features.Columns;
import dev.kiln.model.features.FeatureEncoder;
import dev.kiln.model.features.SignatureMismatchException;
import dev.kiln.model.predict.Models;
import dev.kiln.model.predict.Predictor;
import dev.kiln.model.signature.Input;
import dev.kiln.model.signature.ModelSpec;
import dev.kiln.model.signature.ModelYaml;
import dev.kiln.model.signature.Signature;
import dev.kiln.model.signature.Task;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;

/**
 * Trains a model from a data file into a model directory: reads the data through kiln-data,
 * splits off validation rows (seeded) unless a validation file is given, derives the feature
 * pipeline from the training rows, trains, and writes the model file, {@code model.yaml},
 * {@code training-metrics.json}, {@code training.log} and the training data's reference
 * profile ({@code reference-profile.json}). The written model is loaded back and evaluated, so
 * the recorded metrics are those of the files on disk.
 */
public final class Training {
  public static final String METRICS = "training-metrics.json";
  public static final String LOG = "training.log";
  public static final String PROFILE = "reference-profile.json";

  private Training() {}

  public static TrainingResult run(String dataPath, TrainOptions o, Path outDir, PrintStream console) throws Exception {
    Files.createDirectories(outDir);
    clean(outDir);
    try (OutputStream logFile = Files.newOutputStream(outDir.resolve(LOG));
        PrintStream log = new PrintStream(new Tee(console, logFile), true, StandardCharsets.UTF_8)) {
      return train(dataPath, o, outDir, log);
    }
  }

  private static void clean(Path dir) throws IOException {
    for (String f : List.of(XGBoostTrainer.FILE, TribuoTrainer.FILE, ModelYaml.FILE, METRICS, PROFILE)) {
      Files.deleteIfExists(dir.resolve(f));
    }
  }

  private static TrainingResult train(String dataPath, TrainOptions o, Path outDir, PrintStream log) throws Exception {
    long t0 = System.nanoTime();
    Columns all = read(dataPath, outDir, log);
    if (!all.has(o.label())) {
      throw new SignatureMismatchException(dataPath + ": no label column '" + o.label() + "' (columns: "
          + String.join(", ", all.names()) + ")");
    }
    Columns labeled = dropUnlabeled(all, o.label(), log);
    Task task = task(labeled, o);
    if (!o.algorithm().supports(task instanceof Task.Classification)) {
      throw new IllegalArgumentException(o.algorithm().word() + " does not do " + task.word());
    }
    List<String> features = features(labeled, o);
    Split split = split(labeled, o, log);
    Hyperparameters hp = Hyperparameters.of(o.algorithm(), o.params());
    List<Input> inputs = FeaturePlan.fit(split.train(), features, o.algorithm(), o.maxLevels());
    Signature signature = new Signature(inputs, o.label(), task);
    log.println("training " + o.algorithm().word() + " (" + task.word() + " of '" + o.label() + "') on "
        + split.train().rows() + " rows, validating on " + split.validation().map(Columns::rows).orElse(0) + " rows; "
        + inputs.size() + " columns become " + signature.width() + " features; seed " + o.seed());
    FeatureEncoder encoder = new FeatureEncoder(signature);
    TrainingSet train = new TrainingSet(encoder.encode(split.train()), targets(task, split.train(), o.label()));
    Optional<TrainingSet> valid = split.validation()
        .map(v -> new TrainingSet(encoder.encode(v), targets(task, v, o.label())));
    ModelTrainer.Trained trained = ModelTrainer.of(o.algorithm())
        .train(train, valid, signature, hp, o.seed(), log, outDir);
    double seconds = (System.nanoTime() - t0) / 1e9;
    ModelYaml.write(ModelSpec.of(trained.format(), trained.file(), signature,
        provenance(dataPath, o, hp, trained, split, seconds)), outDir.resolve(ModelYaml.FILE));
    Map<String, Double> metrics = metrics(outDir, split, o.label(), trained, seconds);
    Files.writeString(outDir.resolve(METRICS), dev.kiln.model.evaluate.EvaluationFiles.json(metrics) + "\n");
    log.println(String.format(java.util.Locale.ROOT, "wrote %s (%.1f s)", outDir, seconds));
    return new TrainingResult(outDir, metrics);
  }

  private static Columns read(String dataPath, Path outDir, PrintStream log) throws IOException {
    try (DataSource ds = DataSource.open(dataPath, ReadOptions.DEFAULT)) {
      Columns c = Columns.of(ds.load(List.of()));
      Profiler.profile(ds).write(outDir.resolve(PROFILE));
      log.println("read " + c.rows() + " rows of " + dataPath + "; reference profile: " + PROFILE);
      return c;
    }
  }

  private static Columns dropUnlabeled(Columns all, String label, PrintStream log) {
    String[] y = all.strings(label);
    int[] keep = IntStream.range(0, y.length).filter(i -> y[i] != null && !y[i].isBlank()).toArray();
    if (keep.length < y.length) {
      log.println("left out " + (y.length - keep.length) + " rows without a label");
    }
    if (keep.length < 2) {
      throw new IllegalArgumentException("fewer than two labelled rows to train on");
    }
    return keep.length == y.length ? all : all.select(keep);
  }

  /** Classification for text labels and numeric labels with two values; regression for other numbers. */
  static Task task(Columns data, TrainOptions o) {
    String word = o.task().orElseGet(() -> data.isNumeric(o.label())
        && new TreeSet<>(Arrays.asList(data.strings(o.label()))).size() != 2 ? "regression" : "classification");
    if (word.equals("regression")) {
      if (!data.isNumeric(o.label())) {
        throw new IllegalArgumentException("regression needs a numeric label; '" + o.label() + "' holds text");
      }
      return new Task.Regression();
    }
    List<String> classes = classes(data.strings(o.label()), data.isNumeric(o.label()));
    if (classes.size() < 2) {
      throw new IllegalArgumentException("the label '" + o.label() + "' has a single value " + classes
          + "; a classifier needs two classes or more");
    }
    if (classes.size() > 100) {
      throw new IllegalArgumentException("the label '" + o.label() + "' has " + classes.size()
          + " values; for a numeric target use task: regression");
    }
    return Task.Classification.of(classes);
  }

  private static List<String> classes(String[] labels, boolean numeric) {
    TreeSet<String> set = numeric ? new TreeSet<>((a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b)))
        : new TreeSet<>();
    set.addAll(Arrays.asList(labels));
    return List.copyOf(set);
  }

  private static List<String> features(Columns data, TrainOptions o) {
    List<String> f = o.features().isEmpty() ? data.names() : o.features();
    List<String> out = new ArrayList<>();
    for (String c : f) {
      if (!data.has(c)) {
        throw new SignatureMismatchException("no feature column '" + c + "' in the data");
      }
      if (!c.equals(o.label()) && !o.exclude().contains(c)) {
        out.add(c);
      }
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("no feature columns left besides the label");
    }
    return out;
  }

  record Split(Columns train, Optional<Columns> validation) {}

  private static Split split(Columns data, TrainOptions o, PrintStream log) {
    if (o.validation().isPresent()) {
      try (DataSource ds = DataSource.open(o.validation().get(), ReadOptions.DEFAULT)) {
        Columns v = dropUnlabeled(Columns.of(ds.load(List.of())), o.label(), log);
        return new Split(data, Optional.of(v));
      }
    }
    if (o.validationFraction() == 0) {
      return new Split(data, Optional.empty());
    }
    int[] order = IntStream.range(0, data.rows()).toArray();
    Random random = new Random(o.seed());
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    int nValid = (int) Math.round(order.length * o.validationFraction());
    int[] valid = Arrays.copyOfRange(order, 0, nValid);
    int[] train = Arrays.copyOfRange(order, nValid, order.length);
    Arrays.sort(valid);
    Arrays.sort(train);
    return new Split(data.select(train), Optional.of(data.select(valid)));
  }

  private static float[] targets(Task task, Columns data, String label) {
    float[] y = new float[data.rows()];
    if (task instanceof Task.Classification c) {
      String[] v = data.strings(label);
      for (int i = 0; i < y.length; i++) {
        int k = c.classes().indexOf(v[i]);
        if (k < 0) {
          throw new SignatureMismatchException("validation label '" + v[i] + "' does not occur in the training data "
              + "(classes: " + c.classes() + ")");
        }
        y[i] = k;
      }
      return y;
    }
    double[] v = data.numbers(label).orElseThrow();
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) v[i];
    }
    return y;
  }

  private static Map<String, Object> provenance(String dataPath, TrainOptions o, Hyperparameters hp,
      ModelTrainer.Trained trained, Split split, double seconds) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("algorithm", o.algorithm().word());
    p.put("hyperparameters", hp.asMap());
    p.put("seed", o.seed());
    p.put("data", dataPath);
    p.put("train_rows", split.train().rows());
    p.put("validation_rows", split.validation().map(Columns::rows).orElse(0));
    o.validation().ifPresent(v -> p.put("validation", v));
    if (o.validation().isEmpty()) {
      p.put("validation_fraction", o.validationFraction());
    }
    Map<String, Object> facts = new TreeMap<>(trained.facts());
    facts.remove("params");
    p.putAll(facts);
    p.put("kiln_version", kilnVersion());
    p.put("java", System.getProperty("java.version"));
    return p;
  }

  private static Map<String, Double> metrics(Path dir, Split split, String label, ModelTrainer.Trained trained,
      double seconds) {
    Map<String, Double> m = new TreeMap<>();
    try (Predictor p = Models.load(dir.toString(), dir)) {
      EvaluationOptions o = EvaluationOptions.defaults().withLabel(label);
      put(m, "train.", Evaluator.evaluate(p, split.train(), o));
      split.validation().ifPresent(v -> put(m, "validation.", Evaluator.evaluate(p, v, o)));
    }
    m.put("training_seconds", seconds);
    if (trained.facts().get("trees") instanceof Number n) {
      m.put("trees", n.doubleValue());
    }
    return m;
  }

  private static void put(Map<String, Double> m, String prefix, Evaluation e) {
    e.metrics().forEach((k, v) -> m.put(prefix + k, v));
  }

  private static String kilnVersion() {
    try (var in = Training.class.getResourceAsStream("/dev/kiln/core/version.properties")) {
      java.util.Properties p = new java.util.Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Writes to the console and the training log at once. */
  private static final class Tee extends OutputStream {
    private final OutputStream a;
    private final OutputStream b;

    Tee(OutputStream a, OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int x) throws IOException {
      a.write(x);
      b.write(x);
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }

    @Override
    public void flush() throws IOException {
      a.flush();
      b.flush();
    }
  }
}
