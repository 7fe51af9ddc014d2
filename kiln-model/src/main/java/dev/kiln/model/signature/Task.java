package dev.kiln.model.signature;

import java.util.List;

/**
 * What a model predicts: a class out of a fixed list (with probabilities), or a number. The
 * class order is the order of the model's probability outputs.
 */
public sealed interface Task permits Task.Classification, Task.Regression {

  /** A classifier over {@code classes}; {@code positive} is the class fairness and binary metrics use. */
  record Classification(List<String> classes, String positive) implements Task {
    public Classification {
      classes = List.copyOf(classes);
      if (classes.size() < 2) {
        throw new IllegalArgumentException("a classifier needs at least two classes, found " + classes);
      }
      if (classes.stream().distinct().count() != classes.size()) {
        throw new IllegalArgumentException("classes must be distinct, found " + classes);
      }
      if (!classes.contains(positive)) {
        throw new IllegalArgumentException("positive class '" + positive + "' is not one of " + classes);
      }
    }

    /** Binary classifier with the conventional positive class: the second of the two. */
    public static Classification of(List<String> classes) {
      return new Classification(classes, classes.get(classes.size() == 2 ? 1 : 0));
    }

    public boolean binary() {
      return classes.size() == 2;
    }

    public int positiveIndex() {
      return classes.indexOf(positive);
    }

    public Classification withPositive(String p) {
      return new Classification(classes, p);
    }
  }

  /** A regressor: one number per row. */
  record Regression() implements Task {}

  /** The word used in model.yaml and in messages. */
  default String word() {
    return this instanceof Classification ? "classification" : "regression";
  }
}
