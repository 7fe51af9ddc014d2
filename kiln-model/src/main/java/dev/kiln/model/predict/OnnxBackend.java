package dev.kiln.model.predict;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxMap;
import ai.onnxruntime.OnnxSequence;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.SequenceInfo;
import ai.onnxruntime.TensorInfo;
import dev.kiln.model.features.FeatureMatrix;
import dev.kiln.model.features.SignatureMismatchException;
import dev.kiln.model.signature.Input;
import dev.kiln.model.signature.ModelSpec;
import dev.kiln.model.signature.Signature;
import dev.kiln.model.signature.Task;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ONNX models run with ONNX Runtime. The model takes either one float tensor
 * {@code [rows, features]}, whose columns are named in model.yaml, or one input per column
 * ({@code [rows, 1]} each, float, double, int64, int32 or string, as skl2onnx writes scikit-learn
 * pipelines): then each input's name is the data column it reads, numbers pass as they are and
 * strings as text for the model to encode. Classifiers emit a float probability tensor
 * {@code [rows, classes]}, or — as scikit-learn models converted with skl2onnx do by default — a
 * sequence of class → probability maps (ZipMap), whose classes come from model.yaml or are learned
 * by running the model once on a row of zeros and empty strings; regressors emit a float score
 * tensor {@code [rows]} or {@code [rows, 1]}.
 */
final class OnnxBackend implements Backend {
  private static final List<String> PROBABILITY_NAMES = List.of("probabilities", "output_probability", "probability",
      "probs");
  private static final Set<OnnxJavaType> COLUMN_TYPES = Set.of(OnnxJavaType.FLOAT, OnnxJavaType.DOUBLE,
      OnnxJavaType.INT64, OnnxJavaType.INT32, OnnxJavaType.STRING);
  private final OrtSession session;
  /** How rows reach the model: one feature tensor, or one tensor per column. */
  private final Feed feed;
  private final String output;
  private final Signature signature;
  /** For ZipMap outputs: the map keys, in the order of the probability columns; else empty. */
  private final List<Object> zipmapKeys;

  private OnnxBackend(OrtSession session, Feed feed, String output, Signature signature, List<Object> zipmapKeys) {
    this.session = session;
    this.feed = feed;
    this.output = output;
    this.signature = signature;
    this.zipmapKeys = List.copyOf(zipmapKeys);
  }

  /** The model's inputs, and how a feature matrix becomes them. */
  private sealed interface Feed {
    Map<String, OnnxTensor> tensors(FeatureMatrix x) throws OrtException;

    /** A row of zeros and empty strings, to learn a ZipMap's classes from. */
    FeatureMatrix zeros();
  }

  /** One float tensor {@code [rows, features]}. */
  private record Tensor(String input, int width) implements Feed {
    @Override
    public Map<String, OnnxTensor> tensors(FeatureMatrix x) throws OrtException {
      return Map.of(input, OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), FloatBuffer.wrap(x.values()),
          new long[] {x.rows(), x.cols()}));
    }

    @Override
    public FeatureMatrix zeros() {
      return new FeatureMatrix(new float[width], 1, width);
    }
  }

  /** One tensor {@code [rows, 1]} (or {@code [rows]}) per column; {@code inputs} in feature order. */
  private record PerColumn(List<String> inputs, List<TensorInfo> infos) implements Feed {
    @Override
    public Map<String, OnnxTensor> tensors(FeatureMatrix x) throws OrtException {
      Map<String, OnnxTensor> out = new java.util.LinkedHashMap<>();
      try {
        for (int c = 0; c < inputs.size(); c++) {
          out.put(inputs.get(c), column(x, c, infos.get(c)));
        }
      } catch (OrtException | RuntimeException e) {
        OnnxValue.close(out);
        throw e;
      }
      return out;
    }

    private OnnxTensor column(FeatureMatrix x, int c, TensorInfo info) throws OrtException {
      OrtEnvironment env = OrtEnvironment.getEnvironment();
      int n = x.rows();
      long[] shape = info.getShape().length == 1 ? new long[] {n} : new long[] {n, 1};
      String name = inputs.get(c);
      switch (info.type) {
        case STRING -> {
          String[] v = x.text(c).clone();
          for (int r = 0; r < n; r++) {
            v[r] = v[r] == null ? "" : v[r];
          }
          return OnnxTensor.createTensor(env, v, shape);
        }
        case FLOAT -> {
          float[] v = new float[n];
          for (int r = 0; r < n; r++) {
            v[r] = x.get(r, c);
          }
          return OnnxTensor.createTensor(env, FloatBuffer.wrap(v), shape);
        }
        case DOUBLE -> {
          double[] v = new double[n];
          for (int r = 0; r < n; r++) {
            v[r] = x.get(r, c);
          }
          return OnnxTensor.createTensor(env, java.nio.DoubleBuffer.wrap(v), shape);
        }
        default -> {
          long[] v = new long[n];
          for (int r = 0; r < n; r++) {
            float f = x.get(r, c);
            if (f != Math.rint(f)) {
              throw new SignatureMismatchException("the model's input '" + name + "' takes whole numbers ("
                  + info.type.toString().toLowerCase(java.util.Locale.ROOT) + "), but row " + (r + 1) + " holds "
                  + (Float.isNaN(f) ? "a missing value" : Float.toString(f)));
            }
            v[r] = (long) f;
          }
          if (info.type == OnnxJavaType.INT32) {
            int[] w = new int[n];
            for (int r = 0; r < n; r++) {
              w[r] = (int) v[r];
            }
            return OnnxTensor.createTensor(env, java.nio.IntBuffer.wrap(w), shape);
          }
          return OnnxTensor.createTensor(env, java.nio.LongBuffer.wrap(v), shape);
        }
      }
    }

    @Override
    public FeatureMatrix zeros() {
      Map<Integer, String[]> text = new java.util.HashMap<>();
      for (int c = 0; c < inputs.size(); c++) {
        if (infos.get(c).type == OnnxJavaType.STRING) {
          text.put(c, new String[] {""});
        }
      }
      return new FeatureMatrix(new float[inputs.size()], 1, inputs.size(), text);
    }
  }

  static OnnxBackend load(Path file, ModelSpec spec) {
    OrtSession session;
    try {
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      session = OrtEnvironment.getEnvironment().createSession(file.toString(), options);
    } catch (OrtException e) {
      throw new ModelLoadException(file + ": ONNX Runtime cannot load this file as an ONNX model ("
          + firstLine(e.getMessage()) + ")", e);
    }
    try {
      return describe(file, spec, session);
    } catch (OrtException e) {
      close(session);
      throw new ModelLoadException(file + ": cannot read the ONNX model's inputs and outputs: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      close(session);
      throw e;
    }
  }

  private static OnnxBackend describe(Path file, ModelSpec spec, OrtSession session) throws OrtException {
    Map<String, NodeInfo> inputs = session.getInputInfo();
    Map<String, NodeInfo> outputs = session.getOutputInfo();
    boolean classifier = spec.task().map(k -> k instanceof Task.Classification)
        .orElseGet(() -> PROBABILITY_NAMES.stream().anyMatch(outputs::containsKey));
    String output = classifier
        ? spec.onnx().probabilities().orElseGet(() -> first(file, PROBABILITY_NAMES, outputs.keySet(), "probabilities"))
        : spec.onnx().score().orElseGet(() -> firstFloat(file, outputs));
    NodeInfo out = outputs.get(output);
    if (out == null) {
      throw new ModelLoadException(file + ": the model has no output '" + output + "' (outputs: " + outputs.keySet() + ")");
    }
    boolean perColumn = spec.onnx().input().isEmpty() && inputs.size() > 1;
    if (perColumn) {
      return perColumn(file, spec, session, inputs, output, out, classifier);
    }
    String input = spec.onnx().input().orElseGet(() -> onlyInput(file, inputs.keySet()));
    NodeInfo in = inputs.get(input);
    if (in == null) {
      throw new ModelLoadException(file + ": the model has no input '" + input + "' (inputs: " + inputs.keySet() + ")");
    }
    TensorInfo t = tensor(file, in);
    if (t.getShape().length != 2 || t.type != OnnxJavaType.FLOAT) {
      throw new ModelLoadException(file + ": input '" + input + "' is " + t + "; Kiln supports one float tensor "
          + "[rows, features], or one input per column (each [rows, 1])");
    }
    int width = (int) t.getShape()[1];
    Feed feed = new Tensor(input, width);
    if (classifier && out.getInfo() instanceof SequenceInfo seq && seq.isSequenceOfMaps()) {
      List<Object> keys = zipmapKeys(file, spec, session, feed, output, seq, width >= 1);
      List<String> names = keys.stream().map(String::valueOf).toList();
      Signature s = SignatureMerge.merge(file, spec, List.of(), width, Task.Classification.of(names), keys.size());
      return new OnnxBackend(session, feed, output, s, keys);
    }
    TensorInfo o = tensor(file, out);
    int classes = classifier ? (int) o.getShape()[o.getShape().length - 1] : 0;
    Signature s = SignatureMerge.merge(file, spec, List.of(), width < 0 ? -1 : width, tensorTask(classifier, classes),
        classes);
    return new OnnxBackend(session, feed, output, s, List.of());
  }

  private static Task tensorTask(boolean classifier, int classes) {
    return classifier ? Task.Classification.of(SignatureMerge.indexClasses(Math.max(classes, 2)))
        : new Task.Regression();
  }

  /** A model with one input per column: each input's name is a column, its type says number or text. */
  private static OnnxBackend perColumn(Path file, ModelSpec spec, OrtSession session, Map<String, NodeInfo> inputs,
      String output, NodeInfo out, boolean classifier) throws OrtException {
    List<Input> recorded = new java.util.ArrayList<>();
    List<TensorInfo> infos = new java.util.ArrayList<>();
    for (NodeInfo n : inputs.values()) {
      TensorInfo t = tensor(file, n);
      long[] shape = t.getShape();
      boolean oneColumn = shape.length == 1 || (shape.length == 2 && (shape[1] == 1 || shape[1] < 0));
      if (!oneColumn || !COLUMN_TYPES.contains(t.type)) {
        throw new ModelLoadException(file + ": input '" + n.getName() + "' is " + t + "; with several inputs Kiln "
            + "reads one column per input, each [rows, 1] of float, double, int64, int32 or string (or name the "
            + "feature tensor in model.yaml: onnx: {input: NAME})");
      }
      recorded.add(t.type == OnnxJavaType.STRING ? new Input.Text(n.getName()) : Input.Numeric.raw(n.getName()));
      infos.add(t);
    }
    // The model's own order; merging with model.yaml keeps it (a different order is rejected there).
    PerColumn feed = new PerColumn(recorded.stream().map(Input::name).toList(), infos);
    Task modelTask;
    List<Object> keys = List.of();
    int classes;
    if (classifier && out.getInfo() instanceof SequenceInfo seq && seq.isSequenceOfMaps()) {
      keys = zipmapKeys(file, spec, session, feed, output, seq, true);
      modelTask = Task.Classification.of(keys.stream().map(String::valueOf).toList());
      classes = keys.size();
    } else {
      TensorInfo o = tensor(file, out);
      classes = classifier ? (int) o.getShape()[o.getShape().length - 1] : 0;
      modelTask = tensorTask(classifier, classes);
    }
    Signature s = SignatureMerge.merge(file, spec, recorded, modelTask, classes);
    return new OnnxBackend(session, feed, output, s, keys);
  }

  /**
   * The classes of a ZipMap output, in the order of the probability columns: those model.yaml
   * lists, or else — sorted — the keys of one prediction on a row of zeros.
   */
  private static List<Object> zipmapKeys(Path file, ModelSpec spec, OrtSession session, Feed feed, String output,
      SequenceInfo seq, boolean canProbe) throws OrtException {
    if (spec.task().orElse(null) instanceof Task.Classification c) {
      boolean numeric = seq.mapInfo.keyType == OnnxJavaType.INT64;
      List<Object> keys = new java.util.ArrayList<>();
      for (String k : c.classes()) {
        try {
          keys.add(numeric ? (Object) Long.parseLong(k) : k);
        } catch (NumberFormatException e) {
          throw new ModelLoadException(file + ": model.yaml lists class '" + k + "' but the model's classes are "
              + "whole numbers");
        }
      }
      return keys;
    }
    if (!canProbe) {
      throw new ModelLoadException(file + ": a ZipMap classifier needs a fixed number of input features, or its "
          + "classes listed in model.yaml (classes: [...])");
    }
    Map<String, OnnxTensor> in = feed.tensors(feed.zeros());
    try (OrtSession.Result r = session.run(in, Set.of(output))) {
      List<?> maps = ((OnnxSequence) r.get(output).orElseThrow()).getValue();
      List<Object> keys = new java.util.ArrayList<>(((OnnxMap) maps.get(0)).getValue().keySet());
      keys.sort((a, b) -> a instanceof Long x && b instanceof Long y ? Long.compare(x, y)
          : String.valueOf(a).compareTo(String.valueOf(b)));
      return keys;
    } catch (OrtException e) {
      throw new ModelLoadException(file + ": cannot learn the classifier's classes from a row of zeros ("
          + firstLine(e.getMessage()) + "); list them in model.yaml (classes: [...])", e);
    } finally {
      OnnxValue.close(in);
    }
  }

  private static TensorInfo tensor(Path file, NodeInfo node) {
    if (!(node.getInfo() instanceof TensorInfo t)) {
      throw new ModelLoadException(file + ": '" + node.getName() + "' is " + node.getInfo()
          + ", not a tensor: Kiln reads float tensors, and sequences of maps (ZipMap) for class probabilities");
    }
    return t;
  }

  private static String onlyInput(Path file, Set<String> names) {
    if (names.size() != 1) {
      throw new ModelLoadException(file + ": the model has inputs " + names + "; name the feature tensor in "
          + "model.yaml (onnx: {input: NAME})");
    }
    return names.iterator().next();
  }

  private static String first(Path file, List<String> wanted, Set<String> names, String what) {
    return wanted.stream().filter(names::contains).findFirst().orElseThrow(() -> new ModelLoadException(file
        + ": cannot tell which output holds the " + what + " (outputs: " + names + "); name it in model.yaml (onnx: {"
        + what + ": NAME})"));
  }

  private static String firstFloat(Path file, Map<String, NodeInfo> outputs) {
    for (NodeInfo n : outputs.values()) {
      if (n.getInfo() instanceof TensorInfo t && (t.type == OnnxJavaType.FLOAT || t.type == OnnxJavaType.DOUBLE)) {
        return n.getName();
      }
    }
    throw new ModelLoadException(file + ": the model has no float output to read a score from (outputs: "
        + outputs.keySet() + ")");
  }

  @Override
  public Signature signature() {
    return signature;
  }

  @Override
  public Predictions predict(FeatureMatrix x) {
    double[][] out = x.rows() == 0 ? new double[0][] : run(x);
    if (signature.task() instanceof Task.Classification c) {
      return new Predictions.Classes(c.classes(), out);
    }
    double[] y = new double[out.length];
    for (int i = 0; i < out.length; i++) {
      y[i] = out[i][0];
    }
    return new Predictions.Scores(y);
  }

  private double[][] run(FeatureMatrix x) {
    Map<String, OnnxTensor> in = null;
    try {
      in = feed.tensors(x);
      try (OrtSession.Result r = session.run(in, Set.of(output))) {
        OnnxValue v = r.get(output).orElseThrow();
        return zipmapKeys.isEmpty() ? rows((OnnxTensor) v, x.rows()) : rows((OnnxSequence) v);
      }
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime prediction failed: " + firstLine(e.getMessage()), e);
    } finally {
      if (in != null) {
        OnnxValue.close(in);
      }
    }
  }

  private double[][] rows(OnnxSequence maps) throws OrtException {
    List<?> list = maps.getValue();
    double[][] out = new double[list.size()][zipmapKeys.size()];
    for (int i = 0; i < out.length; i++) {
      Map<?, ?> m = ((OnnxMap) list.get(i)).getValue();
      for (int k = 0; k < zipmapKeys.size(); k++) {
        Object p = m.get(zipmapKeys.get(k));
        out[i][k] = p == null ? 0 : ((Number) p).doubleValue();
      }
    }
    return out;
  }

  private static double[][] rows(OnnxTensor t, int rows) {
    long[] shape = t.getInfo().getShape();
    int cols = shape.length == 1 ? 1 : (int) shape[1];
    double[][] out = new double[rows][cols];
    if (t.getInfo().type == OnnxJavaType.DOUBLE) {
      var b = t.getDoubleBuffer();
      for (int i = 0; i < rows; i++) {
        b.get(out[i]);
      }
      return out;
    }
    FloatBuffer b = t.getFloatBuffer();
    for (int i = 0; i < rows; i++) {
      for (int k = 0; k < cols; k++) {
        out[i][k] = b.get();
      }
    }
    return out;
  }

  private static String firstLine(String m) {
    if (m == null) {
      return "unknown error";
    }
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  private static void close(OrtSession s) {
    try {
      s.close();
    } catch (OrtException e) {
      // already failing
    }
  }

  @Override
  public void close() {
    close(session);
  }
}
