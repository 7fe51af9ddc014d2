package dev.kiln.release.gate;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bound on a value, written as in kiln.yaml: {@code ">= 0.80"}, {@code "< 5"}, {@code "== 1"},
 * {@code "between 0.7 and 0.9"} (inclusive), and for change checks a relative bound with
 * {@code %} ({@code ">= -1%"}). Bounds are inclusive unless written with {@code >} or {@code <}.
 */
public record Threshold(Op op, double bound, double upper, boolean relative, String text) {
  private static final Pattern COMPARE = Pattern.compile("(>=|<=|==|>|<|≥|≤)\\s*([-+]?[0-9.]+(?:[eE][-+]?\\d+)?)\\s*(%?)");
  private static final Pattern BETWEEN = Pattern.compile("between\\s+([-+]?[0-9.]+(?:[eE][-+]?\\d+)?)\\s+and\\s+([-+]?[0-9.]+(?:[eE][-+]?\\d+)?)");

  /** Comparison kinds. */
  public enum Op {
    GE(">="), LE("<="), GT(">"), LT("<"), EQ("=="), BETWEEN("between");

    final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }
  }

  /** Parses a threshold; {@code allowRelative} permits a trailing {@code %} (change checks). */
  public static Threshold parse(String text, boolean allowRelative) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    Matcher b = BETWEEN.matcher(t);
    if (b.matches()) {
      double lo = number(b.group(1), text);
      double hi = number(b.group(2), text);
      if (lo > hi) {
        throw new IllegalArgumentException("'" + text + "': the lower bound is above the upper bound");
      }
      return new Threshold(Op.BETWEEN, lo, hi, false, text.trim());
    }
    Matcher m = COMPARE.matcher(t);
    if (!m.matches()) {
      throw new IllegalArgumentException("invalid threshold '" + text + "': use >=, <=, >, <, == and a number"
          + (allowRelative ? " (optionally with %)" : "") + ", or 'between A and B'");
    }
    boolean relative = !m.group(3).isEmpty();
    if (relative && !allowRelative) {
      throw new IllegalArgumentException("'" + text + "': a percentage only makes sense in 'change:' checks");
    }
    String sym = m.group(1).replace("≥", ">=").replace("≤", "<=");
    Op op = switch (sym) {
      case ">=" -> Op.GE;
      case "<=" -> Op.LE;
      case ">" -> Op.GT;
      case "<" -> Op.LT;
      default -> Op.EQ;
    };
    double v = number(m.group(2), text);
    return new Threshold(op, relative ? v / 100 : v, Double.NaN, relative, text.trim());
  }

  private static double number(String s, String text) {
    try {
      return new BigDecimal(s).doubleValue();
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid number in threshold '" + text + "'");
    }
  }

  public boolean test(double value) {
    if (Double.isNaN(value)) {
      return false;
    }
    return switch (op) {
      case GE -> value >= bound;
      case LE -> value <= bound;
      case GT -> value > bound;
      case LT -> value < bound;
      case EQ -> value == bound;
      case BETWEEN -> value >= bound && value <= upper;
    };
  }

  /** Higher is better when the bound is a floor ({@code >=}, {@code >}). */
  public boolean higherIsBetter() {
    return op == Op.GE || op == Op.GT;
  }

  /** What failing looks like in words, for "auc 0.781 &lt; 0.80 required". */
  public String violated() {
    return switch (op) {
      case GE -> "<";
      case GT -> "≤";
      case LE -> ">";
      case LT -> "≥";
      case EQ -> "≠";
      case BETWEEN -> "outside";
    };
  }

  /** The bound as the user wrote it, without the operator: "0.80", "0.7 and 0.9", "-1%". */
  public String boundText() {
    String t = text.trim();
    if (op == Op.BETWEEN) {
      return t.substring("between".length()).trim();
    }
    return t.replaceFirst("^(>=|<=|==|>|<|≥|≤)\\s*", "");
  }
}
