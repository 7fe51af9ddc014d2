package dev.kiln.model.train;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The built-in algorithms, by the names used in {@code algorithm:} and {@code --algorithm}, with
 * what each needs from the feature pipeline: linear models get standardised numbers and imputed
 * missing values; trees get imputed values; gradient boosting routes missing values itself.
 */
public enum Algorithm {
  GRADIENT_BOOSTING("gradient-boosting", false, false, true, true),
  LOGISTIC_REGRESSION("logistic-regression", true, true, true, false),
  LINEAR_SGD("linear-sgd", true, true, true, true),
  CART("cart", false, true, true, true),
  RANDOM_FOREST("random-forest", false, true, true, true);

  private final String word;
  private final boolean scales;
  private final boolean imputes;
  private final boolean classifies;
  private final boolean regresses;

  Algorithm(String word, boolean scales, boolean imputes, boolean classifies, boolean regresses) {
    this.word = word;
    this.scales = scales;
    this.imputes = imputes;
    this.classifies = classifies;
    this.regresses = regresses;
  }

  public String word() {
    return word;
  }

  /** Numbers are standardised with the training mean and standard deviation. */
  public boolean scales() {
    return scales;
  }

  /** Missing numbers are replaced by the training mean (else they stay missing for the model). */
  public boolean imputes() {
    return imputes;
  }

  public boolean supports(boolean classification) {
    return classification ? classifies : regresses;
  }

  public static Optional<Algorithm> parse(String word) {
    return Arrays.stream(values()).filter(a -> a.word.equals(word)).findFirst();
  }

  public static List<String> words() {
    return Arrays.stream(values()).map(Algorithm::word).toList();
  }
}
