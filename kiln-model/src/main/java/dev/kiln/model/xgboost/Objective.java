package dev.kiln.model.xgboost;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The XGBoost objectives Kiln's predictor runs, each with how XGBoost turns the saved
 * {@code base_score} into a margin and the margins into predictions, in float32 as XGBoost does.
 * {@code binary:logitraw} and {@code multi:softmax} predict margins and classes in XGBoost; Kiln
 * serves the probabilities those margins imply (the sigmoid, the softmax), as it evaluates them.
 */
public enum Objective {
  BINARY_LOGISTIC("binary:logistic", Base.LOGIT, Output.SIGMOID),
  BINARY_LOGITRAW("binary:logitraw", Base.IDENTITY, Output.MARGIN_SIGMOID),
  REG_LOGISTIC("reg:logistic", Base.LOGIT, Output.SIGMOID),
  MULTI_SOFTPROB("multi:softprob", Base.IDENTITY, Output.SOFTMAX),
  MULTI_SOFTMAX("multi:softmax", Base.IDENTITY, Output.MARGIN_SOFTMAX),
  REG_SQUAREDERROR("reg:squarederror", Base.IDENTITY, Output.IDENTITY),
  REG_LINEAR("reg:linear", Base.IDENTITY, Output.IDENTITY),
  REG_SQUAREDLOGERROR("reg:squaredlogerror", Base.IDENTITY, Output.IDENTITY),
  REG_PSEUDOHUBERERROR("reg:pseudohubererror", Base.IDENTITY, Output.IDENTITY),
  REG_ABSOLUTEERROR("reg:absoluteerror", Base.IDENTITY, Output.IDENTITY),
  COUNT_POISSON("count:poisson", Base.LOG, Output.EXP),
  REG_GAMMA("reg:gamma", Base.LOG, Output.EXP),
  REG_TWEEDIE("reg:tweedie", Base.LOG, Output.EXP);

  /** How {@code base_score} becomes the starting margin. */
  enum Base { IDENTITY, LOGIT, LOG }

  /** How summed margins become predictions. */
  enum Output { IDENTITY, SIGMOID, SOFTMAX, EXP, MARGIN_SIGMOID, MARGIN_SOFTMAX }

  private final String word;
  final Base base;
  final Output output;

  Objective(String word, Base base, Output output) {
    this.word = word;
    this.base = base;
    this.output = output;
  }

  public String word() {
    return word;
  }

  public static Optional<Objective> of(String name) {
    return Arrays.stream(values()).filter(o -> o.word.equals(name)).findFirst();
  }

  /** The names this predictor supports, for messages. */
  public static String supported() {
    return Arrays.stream(values()).map(Objective::word).collect(Collectors.joining(", "));
  }

  /** XGBoost's {@code ProbToMargin}, in float32. */
  float margin(float baseScore) {
    return switch (base) {
      case IDENTITY -> baseScore;
      case LOGIT -> -(float) Math.log(1.0f / baseScore - 1.0f);
      case LOG -> (float) Math.log(baseScore);
    };
  }

  /** XGBoost's {@code PredTransform} on one row's margins, in place. */
  void transform(float[] m) {
    switch (output) {
      case IDENTITY -> { }
      case SIGMOID -> m[0] = sigmoid(m[0]);
      case EXP -> m[0] = (float) Math.exp(m[0]);
      case SOFTMAX -> softmax(m);
      case MARGIN_SIGMOID -> m[0] = (float) (1 / (1 + Math.exp(-m[0])));
      case MARGIN_SOFTMAX -> softmaxInDouble(m);
    }
  }

  /** One output's transform (a single group). */
  float transform(float m) {
    return switch (output) {
      case IDENTITY -> m;
      case SIGMOID -> sigmoid(m);
      case EXP -> (float) Math.exp(m);
      case MARGIN_SIGMOID -> (float) (1 / (1 + Math.exp(-m)));
      case SOFTMAX, MARGIN_SOFTMAX -> 1.0f;
    };
  }

  /** XGBoost's {@code common::Sigmoid}: {@code 1 / (exp(min(-x, 88.7)) + 1)} in float32. */
  static float sigmoid(float x) {
    float e = (float) Math.exp(Math.min(-x, 88.7f));
    return 1.0f / (e + 1.0f);
  }

  /** XGBoost's {@code common::Softmax}: float32 exponentials, summed in double, divided in float32. */
  static void softmax(float[] m) {
    float max = m[0];
    for (float v : m) {
      max = Math.max(max, v);
    }
    double sum = 0;
    for (int k = 0; k < m.length; k++) {
      m[k] = (float) Math.exp(m[k] - max);
      sum += m[k];
    }
    float total = (float) sum;
    for (int k = 0; k < m.length; k++) {
      m[k] /= total;
    }
  }

  /** As Kiln's XGBoost4J backend turns {@code multi:softmax} margins into probabilities. */
  private static void softmaxInDouble(float[] m) {
    double max = Double.NEGATIVE_INFINITY;
    for (float v : m) {
      max = Math.max(max, v);
    }
    double sum = 0;
    for (float v : m) {
      sum += Math.exp(v - max);
    }
    for (int k = 0; k < m.length; k++) {
      m[k] = (float) (Math.exp(m[k] - max) / sum);
    }
  }
}
