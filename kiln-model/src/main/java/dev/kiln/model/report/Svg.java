package dev.kiln.model.report;

import java.util.Locale;

/** Small inline SVG charts for the self-contained HTML report: no scripts, no external files. */
final class Svg {
  private static final int W = 320;
  private static final int H = 260;
  private static final int PAD = 40;

  private Svg() {}

  /** A line chart over the unit square with optional diagonal, axis labels and a title. */
  static String unitLines(String title, String xLabel, String yLabel, double[] x, double[] y, boolean diagonal,
      boolean points) {
    StringBuilder s = open(title);
    axes(s, xLabel, yLabel);
    if (diagonal) {
      s.append(line(px(0), py(0), px(1), py(1), "#bbb", "4 3"));
    }
    StringBuilder path = new StringBuilder();
    int step = Math.max(1, x.length / 400);
    for (int i = 0; i < x.length; i += step) {
      path.append(path.length() == 0 ? "M" : "L").append(f(px(x[i]))).append(' ').append(f(py(y[i])));
    }
    if (x.length > 0) {
      path.append("L").append(f(px(x[x.length - 1]))).append(' ').append(f(py(y[y.length - 1])));
    }
    s.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"#1f6feb\" stroke-width=\"2\"/>");
    if (points) {
      for (int i = 0; i < x.length; i++) {
        s.append("<circle cx=\"").append(f(px(x[i]))).append("\" cy=\"").append(f(py(y[i])))
            .append("\" r=\"3\" fill=\"#1f6feb\"/>");
      }
    }
    return s.append("</svg>").toString();
  }

  private static StringBuilder open(String title) {
    StringBuilder s = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + W + "\" height=\"" + H
        + "\" role=\"img\"><title>" + Html.esc(title) + "</title>");
    s.append(text(W / 2.0, 16, title, "middle", 13, true));
    return s;
  }

  private static void axes(StringBuilder s, String xLabel, String yLabel) {
    s.append("<rect x=\"").append(PAD).append("\" y=\"").append(PAD - 14).append("\" width=\"").append(W - PAD - 14)
        .append("\" height=\"").append(H - 2 * PAD).append("\" fill=\"none\" stroke=\"#888\"/>");
    for (double t = 0; t <= 1.0001; t += 0.25) {
      s.append(text(px(t), H - PAD + 2, String.format(Locale.ROOT, "%.2f", t), "middle", 10, false));
      s.append(text(PAD - 4, py(t) + 4, String.format(Locale.ROOT, "%.2f", t), "end", 10, false));
    }
    s.append(text(px(0.5), H - 6, xLabel, "middle", 11, false));
    s.append("<text x=\"12\" y=\"").append(f(py(0.5))).append("\" font-size=\"11\" text-anchor=\"middle\" "
        + "transform=\"rotate(-90 12 ").append(f(py(0.5))).append(")\">").append(Html.esc(yLabel)).append("</text>");
  }

  private static double px(double x) {
    return PAD + x * (W - PAD - 14);
  }

  private static double py(double y) {
    return (H - PAD - 14) - y * (H - 2 * PAD);
  }

  private static String line(double x1, double y1, double x2, double y2, String color, String dash) {
    return "<line x1=\"" + f(x1) + "\" y1=\"" + f(y1) + "\" x2=\"" + f(x2) + "\" y2=\"" + f(y2) + "\" stroke=\""
        + color + "\" stroke-dasharray=\"" + dash + "\"/>";
  }

  private static String text(double x, double y, String t, String anchor, int size, boolean bold) {
    return "<text x=\"" + f(x) + "\" y=\"" + f(y) + "\" font-size=\"" + size + "\" text-anchor=\"" + anchor + "\""
        + (bold ? " font-weight=\"bold\"" : "") + ">" + Html.esc(t) + "</text>";
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
