package dev.kiln.model.metrics;

/** The ROC, precision-recall and calibration curves of a binary classifier's positive-class score. */
public record BinaryCurves(Curves.Curve roc, Curves.Curve precisionRecall, Curves.Curve calibration) {}
