package dev.kiln.core.expr;

import java.math.BigDecimal;

/**
 * A parsed {@code if:} condition: comparisons ({@code == != < > <= >=}) of names and literals,
 * joined by {@code && || !} and parentheses. {@link #toString()} prints a fully parenthesised
 * form that parses back to an equal expression.
 */
public sealed interface Expr {

  /** A string, number (as BigDecimal), boolean or null literal. */
  record Literal(Object value) implements Expr {
    @Override
    public String toString() {
      if (value instanceof String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
      }
      if (value instanceof BigDecimal d) {
        return d.toPlainString();
      }
      return String.valueOf(value);
    }
  }

  /** A dotted name resolved at evaluation time: {@code params.train.lr}, {@code git.branch}. */
  record Name(String name) implements Expr {
    @Override
    public String toString() {
      return name;
    }
  }

  record Not(Expr operand) implements Expr {
    @Override
    public String toString() {
      return "!(" + operand + ")";
    }
  }

  record And(Expr left, Expr right) implements Expr {
    @Override
    public String toString() {
      return "(" + left + " && " + right + ")";
    }
  }

  record Or(Expr left, Expr right) implements Expr {
    @Override
    public String toString() {
      return "(" + left + " || " + right + ")";
    }
  }

  record Compare(Expr left, Op op, Expr right) implements Expr {
    @Override
    public String toString() {
      return "(" + left + " " + op.symbol + " " + right + ")";
    }
  }

  /** Comparison operators. */
  enum Op {
    EQ("=="), NE("!="), LT("<"), GT(">"), LE("<="), GE(">=");

    final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }
}
