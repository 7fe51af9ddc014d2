package dev.kiln.serve.mlflow;

import dev.kiln.model.features.Columns;

/** A parsed {@code /invocations} request: the rows to predict and what to answer. */
public record Scoring(Columns rows, Answer answer) {}
