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
import dev.kiln.model.signature.ModelSpec;
import dev.kiln.model.signature.Signature;
import dev.kiln.model.signature.Task;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ONNX models run with ONNX Runtime. The model takes one float tensor {@code [rows, features]};
 * its columns are named in model.yaml. Classifiers emit a float probability tensor
 * {@code [rows, classes]}, or — as scikit-learn models converted with skl2onnx do by default — a
 * sequence of class → probability maps (ZipMap), whose classes are learned by running the model
 * once on a row of zeros; regressors emit a float score tensor {@code [rows]} or {@code [rows, 1]}.
 */
final class OnnxBackend implements Backend {
  private static final List<String> PROBABILITY_NAMES = List.of("probabilities", "output_probability", "probability",
      "probs");
  private final OrtSession session;
  private final String input;
  private final String output;
  private final Signature signature;
  /** For ZipMap outputs: the map keys, in the order of the probability columns; else empty. */
  private final List<Object> zipmapKeys;

  private OnnxBackend(OrtSession session, String input, String output, Signature signature, List<Object> zipmapKeys) {
    this.session = session;
    this.input = input;
    this.output = output;
    this.signature = signature;
    this.zipmapKeys = List.copyOf(zipmapKeys);
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
    String input = spec.onnx().input().orElseGet(() -> onlyInput(file, inputs.keySet()));
    NodeInfo in = inputs.get(input);
    if (in == null) {
      throw new ModelLoadException(file + ": the model has no input '" + input + "' (inputs: " + inputs.keySet() + ")");
    }
    TensorInfo t = tensor(file, in);
    if (t.getShape().length != 2 || t.type != OnnxJavaType.FLOAT) {
      throw new ModelLoadException(file + ": input '" + input + "' is " + t + "; Kiln supports one float tensor "
          + "[rows, features] as input (per-column inputs are not supported yet)");
    }
    int width = (int) t.getShape()[1];
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
    if (classifier && out.getInfo() instanceof SequenceInfo seq && seq.isSequenceOfMaps()) {
      List<Object> keys = zipmapKeys(session, input, output, width);
      List<String> names = keys.stream().map(String::valueOf).toList();
      Signature s = SignatureMerge.merge(file, spec, List.of(), width, Task.Classification.of(names), keys.size());
      return new OnnxBackend(session, input, output, s, keys);
    }
    TensorInfo o = tensor(file, out);
    int classes = classifier ? (int) o.getShape()[o.getShape().length - 1] : 0;
    Task modelTask = classifier ? Task.Classification.of(SignatureMerge.indexClasses(Math.max(classes, 2)))
        : new Task.Regression();
    Signature s = SignatureMerge.merge(file, spec, List.of(), width < 0 ? -1 : width, modelTask, classes);
    return new OnnxBackend(session, input, output, s, List.of());
  }

  /** The classes of a ZipMap output, sorted: one prediction on a row of zeros shows them. */
  private static List<Object> zipmapKeys(OrtSession session, String input, String output, int width)
      throws OrtException {
    if (width < 1) {
      throw new ModelLoadException("a ZipMap classifier needs a fixed number of input features");
    }
    try (OnnxTensor t = OnnxTensor.createTensor(OrtEnvironment.getEnvironment(), FloatBuffer.wrap(new float[width]),
        new long[] {1, width}); OrtSession.Result r = session.run(Map.of(input, t), Set.of(output))) {
      List<?> maps = ((OnnxSequence) r.get(output).orElseThrow()).getValue();
      List<Object> keys = new java.util.ArrayList<>(((OnnxMap) maps.get(0)).getValue().keySet());
      keys.sort((a, b) -> a instanceof Long x && b instanceof Long y ? Long.compare(x, y)
          : String.valueOf(a).compareTo(String.valueOf(b)));
      return keys;
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
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(x.values()), new long[] {x.rows(), x.cols()});
        OrtSession.Result r = session.run(Map.of(input, t), Set.of(output))) {
      OnnxValue v = r.get(output).orElseThrow();
      return zipmapKeys.isEmpty() ? rows((OnnxTensor) v, x.rows()) : rows((OnnxSequence) v);
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime prediction failed: " + firstLine(e.getMessage()), e);
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
