package dev.kiln.model.signature;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.core.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

/** model.yaml is a format Kiln writes and users edit: what Kiln writes reads back, and nothing crashes the reader. */
class ModelYamlPropertiesTest {

  @Property(tries = 200)
  void whatKilnWritesReadsBackAsTheSameSignature(@ForAll("specs") ModelSpec spec) throws Exception {
    Path f = Files.createTempFile("model", ".yaml");
    try {
      ModelYaml.write(spec, f);
      assertThat(ModelYaml.read(f)).isEqualTo(spec);
    } finally {
      Files.deleteIfExists(f);
    }
  }

  @Property(tries = 300)
  void arbitraryTextGivesLocatedProblemsNeverAnotherException(@ForAll @StringLength(max = 120) String text)
      throws Exception {
    Path f = Files.createTempFile("model", ".yaml");
    try {
      Files.writeString(f, text);
      ModelYaml.read(f);
    } catch (ConfigException e) {
      assertThat(e.problems()).isNotEmpty().allSatisfy(p -> assertThat(p.toString()).contains(f.toString()));
    } finally {
      Files.deleteIfExists(f);
    }
  }

  @Property(tries = 200)
  void arbitraryValuesUnderEveryKeyGiveProblemsNeverAnotherException(@ForAll("keys") String key,
      @ForAll("values") String value) throws Exception {
    Path f = Files.createTempFile("model", ".yaml");
    try {
      Files.writeString(f, "format: onnx\nfile: model.onnx\n" + key + ": " + value + "\n");
      ModelYaml.read(f);
    } catch (ConfigException e) {
      assertThat(e.problems()).allSatisfy(p -> assertThat(p.line()).isGreaterThan(0));
    } finally {
      Files.deleteIfExists(f);
    }
  }

  @Provide
  Arbitrary<String> keys() {
    return Arbitraries.of("format", "file", "task", "label", "classes", "positive", "inputs", "onnx", "training",
        "inputs[0]", "unknown");
  }

  @Provide
  Arbitrary<String> values() {
    return Arbitraries.of("null", "1", "-2.5", "yes", "[]", "{}", "[a, b]", "{name: x}", "[{name: x, type: text}]",
        "[{name: x, type: category}]", "[{name: x, type: category, levels: [a]}]", "[{name: x, scale: {std: 0}}]",
        "[{name: x, impute: abc}]", "[{type: number}]", "[{name: x}, {name: x}]", "{input: 3}", "classification",
        "regression", "'unterminated", "[1, [2]]", "{a: {b: {c: d}}}", "\"\"", "onnx", "tribuo", "xgboost", "model.json");
  }

  @Provide
  Arbitrary<ModelSpec> specs() {
    Arbitrary<String> names = Arbitraries.strings().withChars("abcxyz_09 -=/é").ofMinLength(1).ofMaxLength(12)
        .filter(s -> !s.isBlank());
    Arbitrary<Input> numeric = Combinators.combine(names, Arbitraries.doubles().between(-1e6, 1e6).ofScale(6).injectNull(0.5),
        Arbitraries.doubles().between(-1e3, 1e3).ofScale(6), Arbitraries.doubles().between(1e-3, 1e3).ofScale(6), Arbitraries.of(true, false))
        .as((n, fill, mean, std, scaled) -> new Input.Numeric(n, fill == null ? Double.NaN : fill, scaled ? mean : 0,
            scaled ? std : 1));
    Arbitrary<Input> categorical = Combinators.combine(names, names.list().ofMinSize(1).ofMaxSize(4).uniqueElements())
        .as(Input.Categorical::new);
    Arbitrary<Input> text = names.map(Input.Text::new);
    Arbitrary<List<Input>> inputs = Arbitraries.oneOf(numeric, categorical, text).list().ofMinSize(1).ofMaxSize(5)
        .uniqueElements(Input::name);
    Arbitrary<Optional<Task>> tasks = Arbitraries.oneOf(
        Arbitraries.just(Optional.<Task>empty()),
        Arbitraries.just(Optional.<Task>of(new Task.Regression())),
        names.list().ofMinSize(2).ofMaxSize(4).uniqueElements().map(c -> Optional.<Task>of(Task.Classification.of(c))));
    return Combinators.combine(Arbitraries.of(ModelFormat.values()), inputs.optional(), names.optional(), tasks,
        Arbitraries.of(Map.<String, Object>of(), Map.<String, Object>of("algorithm", "gradient-boosting", "seed", 7)))
        .as((format, in, label, task, training) -> new ModelSpec(format, "model." + format.word(), in, label, task,
            OnnxNames.AUTO, training));
  }
}
