package dev.kiln.core.pipeline;

import dev.kiln.core.expr.Expr;

/** A stage's {@code if:} condition: its source text and the parsed expression. */
public record Condition(String source, Expr expr) {}
