package dev.kiln.model.xgboost;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random rows — values near the data, exactly on split thresholds, missing (NaN), infinite —
 * through models XGBoost4J 3.4 trains here with every supported objective (training data with
 * gaps, so trees send missing values both ways): the Java predictor gives XGBoost4J's
 * predictions (margins, for the objectives whose probabilities Kiln computes itself).
 */
class RandomRowsPropertyTest {
  private static final int FEATURES = 5;
  private static final Map<String, Model> MODELS = train();

  private record Model(Booster booster, TreeEnsemble java, boolean margins) {}

  private static Map<String, Model> train() {
    try {
      Path dir = Files.createTempDirectory("kiln-xgb-property");
      dir.toFile().deleteOnExit();
      Map<String, Model> models = new LinkedHashMap<>();
      for (Objective o : Objective.values()) {
        if (o == Objective.REG_LINEAR) {
          continue; // an old alias XGBoost 3 no longer accepts for training
        }
        Booster b = XGBoost.train(data(o), params(o), 25, new HashMap<>(), null, null);
        Path file = dir.resolve(o.name() + ".json");
        b.saveModel(file.toString());
        file.toFile().deleteOnExit();
        boolean margins = o == Objective.BINARY_LOGITRAW || o == Objective.MULTI_SOFTMAX;
        models.put(o.word(), new Model(b, TreeEnsembleReader.read(file), margins));
      }
      return models;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (XGBoostError e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> params(Objective o) {
    Map<String, Object> p = new HashMap<>();
    p.put("objective", o.word());
    p.put("max_depth", 4);
    p.put("eta", 0.3);
    p.put("seed", 1);
    p.put("nthread", 1);
    if (o.word().startsWith("multi:")) {
      p.put("num_class", 3);
    }
    return p;
  }

  private static DMatrix data(Objective o) throws XGBoostError {
    Random r = new Random(o.ordinal());
    int n = 400;
    float[] x = new float[n * FEATURES];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      double s = 0;
      for (int j = 0; j < FEATURES; j++) {
        float v = (float) r.nextGaussian();
        x[i * FEATURES + j] = r.nextInt(8) == 0 ? Float.NaN : v;
        s += (j + 1) * (Float.isNaN(x[i * FEATURES + j]) ? 0.7 : v);
      }
      s += r.nextGaussian();
      y[i] = switch (o.output) {
        case SIGMOID, MARGIN_SIGMOID -> s > 0 ? 1 : 0;
        case SOFTMAX, MARGIN_SOFTMAX -> s < -2 ? 0 : s < 2 ? 1 : 2;
        case EXP -> (float) Math.exp(s / 6);
        case IDENTITY -> (float) (Math.abs(s) + 0.1);
      };
    }
    DMatrix d = new DMatrix(x, n, FEATURES, Float.NaN);
    d.setLabel(y);
    return d;
  }

  @Provide
  Arbitrary<float[]> rows() {
    List<Float> thresholds = new ArrayList<>();
    for (Model m : MODELS.values()) {
      thresholds.addAll(thresholds(m));
    }
    Arbitrary<Float> value = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(5, Arbitraries.floats().between(-4, 4)),
        net.jqwik.api.Tuple.of(3, Arbitraries.of(thresholds)),
        net.jqwik.api.Tuple.of(2, Arbitraries.just(Float.NaN)),
        net.jqwik.api.Tuple.of(1, Arbitraries.of(Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f, 0.0f,
            Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE)));
    return value.array(float[].class).ofSize(FEATURES * 8);
  }

  private static List<Float> thresholds(Model m) {
    List<Float> t = new ArrayList<>();
    try {
      JsonNode trees = ModelFile.parse(m.booster().toByteArray("json")).path("learner").path("gradient_booster")
          .path("model").path("trees");
      for (JsonNode tree : trees) {
        JsonNode left = tree.get("left_children");
        for (int i = 0; i < left.size(); i++) {
          if (left.get(i).asInt() != -1) {
            t.add(Float.parseFloat(tree.get("split_conditions").get(i).asText()));
          }
        }
      }
    } catch (XGBoostError e) {
      throw new IllegalStateException(e);
    }
    return t;
  }

  @Property(tries = 300)
  void randomRowsPredictAsXGBoost4JWithEveryObjective(@ForAll("rows") float[] x) throws XGBoostError {
    int rows = x.length / FEATURES;
    for (var e : MODELS.entrySet()) {
      Model m = e.getValue();
      float[][] want = m.margins()
          ? m.booster().inplace_predict(x, rows, FEATURES, Float.NaN, new int[] {0, 0}, Booster.PredictionType.kMargin,
              null)
          : m.booster().inplace_predict(x, rows, FEATURES, Float.NaN);
      float[] got = new float[m.java().groups()];
      for (int i = 0; i < rows; i++) {
        if (m.margins()) {
          m.java().margins(x, i * FEATURES, got);
        } else {
          m.java().predict(x, i * FEATURES, got);
        }
        for (int k = 0; k < got.length; k++) {
          // A float32 output such as exp(margin) of count:poisson may differ by a float ulp from
          // XGBoost's own exp, which above 8 is more than the absolute tolerance.
          double tolerance = Math.max(Agreement.TOLERANCE, 2 * Math.ulp(want[i][k]));
          assertThat((double) got[k]).as("%s row %d output %d", e.getKey(), i, k)
              .isCloseTo(want[i][k], org.assertj.core.api.Assertions.within(tolerance));
        }
      }
    }
  }

  /** The sums themselves are XGBoost's to the bit: same float32 leaves, same order. */
  @Property(tries = 200)
  void summedMarginsAreXGBoost4JsBitForBit(@ForAll("rows") float[] x) throws XGBoostError {
    int rows = x.length / FEATURES;
    for (var e : MODELS.entrySet()) {
      Model m = e.getValue();
      float[][] want = m.booster().inplace_predict(x, rows, FEATURES, Float.NaN, new int[] {0, 0},
          Booster.PredictionType.kMargin, null);
      float[] got = new float[m.java().groups()];
      for (int i = 0; i < rows; i++) {
        m.java().margins(x, i * FEATURES, got);
        for (int k = 0; k < got.length; k++) {
          assertThat(Float.floatToIntBits(got[k])).as("%s row %d output %d: %s against %s", e.getKey(), i, k, got[k],
              want[i][k]).isEqualTo(Float.floatToIntBits(want[i][k]));
        }
      }
    }
  }
}
