package dev.kiln.model.signature;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.kiln.core.config.ConfigReader;
import dev.kiln.core.config.ListNode;
import dev.kiln.core.config.MapNode;
import dev.kiln.core.config.Node;
import dev.kiln.core.config.Problems;
import dev.kiln.core.config.ScalarNode;
import dev.kiln.core.config.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes {@code model.yaml}. Reading reports every problem with its line and column
 * ({@link dev.kiln.core.config.ConfigException}); writing is stable (fixed key order), so the
 * same model writes the same bytes.
 */
public final class ModelYaml {
  public static final String FILE = "model.yaml";
  private static final List<String> KEYS = List.of("format", "file", "task", "label", "classes", "positive",
      "inputs", "onnx", "training");

  private ModelYaml() {}

  public static ModelSpec read(Path yaml) {
    Problems problems = new Problems(yaml.toString());
    ConfigReader r = new ConfigReader(problems);
    Optional<MapNode> root = YamlReader.read(yaml, problems).flatMap(r::asMap);
    problems.throwIfAny();
    ModelSpec spec = parse(root.orElseThrow(), r);
    problems.throwIfAny();
    return spec;
  }

  private static ModelSpec parse(MapNode m, ConfigReader r) {
    r.allowOnly(m, KEYS);
    Optional<String> file = r.string(m, "file");
    ModelFormat format = r.string(m, "format").flatMap(f -> formatOf(m, f, r))
        .or(() -> file.flatMap(ModelFormat::ofFile)).orElse(null);
    if (file.isEmpty()) {
      r.problems().add(m, "the model file is required (file: model.json, model.onnx or model.tribuo)");
    } else if (format == null) {
      r.problems().add(m, "format is required (xgboost, onnx or tribuo) when the file name does not say it");
    }
    Optional<List<Input>> inputs = m.get("inputs").map(n -> inputs(n, r));
    Optional<Task> task = task(m, r);
    OnnxNames onnx = r.map(m, "onnx").map(o -> onnxNames(o, r)).orElse(OnnxNames.AUTO);
    Map<String, Object> training = r.map(m, "training").map(t -> plainMap(t)).orElse(Map.of());
    if (!r.problems().isEmpty()) {
      return null;
    }
    return new ModelSpec(format, file.get(), inputs, r.scalarText(m, "label"), task, onnx, training);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> plainMap(MapNode t) {
    return (Map<String, Object>) t.toPlain();
  }

  private static Optional<ModelFormat> formatOf(MapNode m, String word, ConfigReader r) {
    Optional<ModelFormat> f = ModelFormat.parse(word);
    if (f.isEmpty()) {
      r.problems().add(m.get("format").orElseThrow(), "unknown format '" + word + "' (expected xgboost, onnx or tribuo)");
    }
    return f;
  }

  private static Optional<Task> task(MapNode m, ConfigReader r) {
    Optional<String> word = r.string(m, "task");
    if (word.isEmpty()) {
      if (m.has("classes")) {
        r.problems().add(m.get("classes").orElseThrow(), "classes need 'task: classification'");
      }
      return Optional.empty();
    }
    if (word.get().equals("regression")) {
      return Optional.of(new Task.Regression());
    }
    if (!word.get().equals("classification")) {
      r.problems().add(m.get("task").orElseThrow(), "unknown task '" + word.get() + "' (expected classification or regression)");
      return Optional.empty();
    }
    Optional<Node> classesNode = m.get("classes");
    if (classesNode.isEmpty()) {
      r.problems().add(m, "a classifier's model.yaml lists its classes in output order (classes: [no, yes])");
      return Optional.empty();
    }
    List<String> classes = scalarList(classesNode.get(), r);
    try {
      Task.Classification c = Task.Classification.of(classes);
      return Optional.of(r.scalarText(m, "positive").map(c::withPositive).orElse(c));
    } catch (IllegalArgumentException e) {
      r.problems().add(m.get("positive").orElse(classesNode.get()), e.getMessage());
      return Optional.empty();
    }
  }

  private static List<String> scalarList(Node node, ConfigReader r) {
    List<String> out = new ArrayList<>();
    if (!(node instanceof ListNode list)) {
      r.problems().add(node, "expected a list, found " + node.describe());
      return out;
    }
    for (Node item : list.items()) {
      if (item instanceof ScalarNode s && !s.isNull()) {
        out.add(s.text());
      } else {
        r.problems().add(item, "expected a value, found " + item.describe());
      }
    }
    return out;
  }

  private static List<Input> inputs(Node node, ConfigReader r) {
    List<Input> out = new ArrayList<>();
    if (!(node instanceof ListNode list)) {
      r.problems().add(node, "expected a list of inputs ({name: age, type: number}), found " + node.describe());
      return out;
    }
    for (Node item : list.items()) {
      r.asMap(item).flatMap(m -> input(m, r)).ifPresent(out::add);
    }
    return out;
  }

  private static Optional<Input> input(MapNode m, ConfigReader r) {
    r.allowOnly(m, List.of("name", "type", "levels", "impute", "scale"));
    Optional<String> name = r.scalarText(m, "name");
    String type = r.string(m, "type").orElse("number");
    if (name.isEmpty()) {
      r.problems().add(m, "an input needs a name");
      return Optional.empty();
    }
    try {
      if (type.equals("category")) {
        return Optional.of(new Input.Categorical(name.get(), m.get("levels").map(n -> scalarList(n, r)).orElse(List.of())));
      }
      if (type.equals("text")) {
        return Optional.of(new Input.Text(name.get()));
      }
      if (!type.equals("number")) {
        r.problems().add(m.get("type").orElseThrow(), "unknown input type '" + type
            + "' (expected number, category or text)");
        return Optional.empty();
      }
      double fill = number(m, "impute", r).orElse(Double.NaN);
      Optional<MapNode> scale = r.map(m, "scale");
      double mean = scale.flatMap(s -> number(s, "mean", r)).orElse(0.0);
      double std = scale.flatMap(s -> number(s, "std", r)).orElse(1.0);
      return Optional.of(new Input.Numeric(name.get(), fill, mean, std));
    } catch (IllegalArgumentException e) {
      r.problems().add(m, e.getMessage());
      return Optional.empty();
    }
  }

  private static Optional<Double> number(MapNode m, String key, ConfigReader r) {
    Optional<Node> n = m.get(key);
    if (n.isEmpty()) {
      return Optional.empty();
    }
    if (n.get() instanceof ScalarNode s && s.value() instanceof Number num) {
      return Optional.of(num.doubleValue());
    }
    r.problems().add(n.get(), "expected a number, found " + n.get().describe());
    return Optional.empty();
  }

  private static OnnxNames onnxNames(MapNode o, ConfigReader r) {
    r.allowOnly(o, List.of("input", "probabilities", "score"));
    return new OnnxNames(r.string(o, "input"), r.string(o, "probabilities"), r.string(o, "score"));
  }

  // ------------------------------------------------------------------ writing

  public static void write(ModelSpec spec, Path yaml) throws IOException {
    Files.writeString(yaml, toYaml(spec));
  }

  public static String toYaml(ModelSpec spec) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("format", spec.format().word());
    m.put("file", spec.file());
    spec.task().ifPresent(t -> {
      m.put("task", t.word());
      if (t instanceof Task.Classification c) {
        m.put("classes", c.classes());
        m.put("positive", c.positive());
      }
    });
    spec.label().ifPresent(l -> m.put("label", l));
    spec.inputs().ifPresent(ins -> m.put("inputs", ins.stream().map(ModelYaml::inputMap).toList()));
    if (!spec.onnx().equals(OnnxNames.AUTO)) {
      Map<String, Object> o = new LinkedHashMap<>();
      spec.onnx().input().ifPresent(v -> o.put("input", v));
      spec.onnx().probabilities().ifPresent(v -> o.put("probabilities", v));
      spec.onnx().score().ifPresent(v -> o.put("score", v));
      m.put("onnx", o);
    }
    if (!spec.training().isEmpty()) {
      m.put("training", spec.training());
    }
    try {
      return "# Written by Kiln: the model's signature and how it was trained (docs/models.md).\n"
          + MAPPER.writeValueAsString(m);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final ObjectMapper MAPPER = new ObjectMapper(
      YAMLFactory.builder().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).build());

  private static Map<String, Object> inputMap(Input in) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", in.name());
    if (in instanceof Input.Categorical c) {
      m.put("type", "category");
      m.put("levels", c.levels());
      return m;
    }
    if (in instanceof Input.Text) {
      m.put("type", "text");
      return m;
    }
    Input.Numeric n = (Input.Numeric) in;
    m.put("type", "number");
    if (n.imputed()) {
      m.put("impute", n.fill());
    }
    if (n.scaled()) {
      Map<String, Object> scale = new LinkedHashMap<>();
      scale.put("mean", n.mean());
      scale.put("std", n.std());
      m.put("scale", scale);
    }
    return m;
  }
}
