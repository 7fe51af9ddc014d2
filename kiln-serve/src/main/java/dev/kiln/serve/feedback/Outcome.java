package dev.kiln.serve.feedback;

/** A labelled prediction: when its label arrived, the true class index (or the true value), and the prediction. */
record Outcome(long at, int truth, double y, Journaled prediction) {}
