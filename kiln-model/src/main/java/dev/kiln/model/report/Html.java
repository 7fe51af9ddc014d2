package dev.kiln.model.report;

import java.util.Locale;

/** Escaping and number formatting shared by the report's sections. */
final class Html {
  private Html() {}

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  /** Whole numbers without decimals, others with four; NaN as a dash. */
  static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "–";
    }
    return v == Math.rint(v) && Math.abs(v) < 1e12 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.4f", v);
  }
}
