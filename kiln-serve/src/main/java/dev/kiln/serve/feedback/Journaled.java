package dev.kiln.serve.feedback;

/**
 * One journaled prediction: the version that answered it, when, the decided class (or -1) with
 * the row's class probabilities, or the predicted value; and whether a label came for it yet.
 */
final class Journaled {
  final Board board;
  final long at;
  final int predicted;
  final double[] probabilities;
  final double value;
  boolean labelled;

  Journaled(Board board, long at, int predicted, double[] probabilities, double value) {
    this.board = board;
    this.at = at;
    this.predicted = predicted;
    this.probabilities = probabilities;
    this.value = value;
  }
}
