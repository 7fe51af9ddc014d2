package dev.kiln.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * Inline SVG charts for {@code kiln stats --html}, drawn like the evaluation report's (kiln-model's
 * package-private {@code Svg}: same size, frame, fonts and blue), for values over time and shares:
 * no scripts, nothing loaded from anywhere.
 */
final class Charts {
  static final String BLUE = "#1f6feb";
  private static final int W = 420;
  private static final int H = 240;
  private static final int LEFT = 56;
  private static final int RIGHT = 14;
  private static final int TOP = 28;
  private static final int BOTTOM = 40;
  /** The most points a chart over time draws. */
  static final int MAX_POINTS = 500;

  /** A point at a time. */
  record Point(Instant at, double y) {}

  /** One segment of a bar: what it counts, its colour. */
  record Part(String label, String color) {}

  private Charts() {}

  /**
   * Points over time joined by a thin line, and an optional dashed line (a daily median). Over
   * {@link #MAX_POINTS} points, one in k is drawn (the largest kept too), and the chart says so.
   */
  static String overTime(String title, String yLabel, List<Point> all, List<Point> dashed, DoubleFunction<String> fy) {
    StringBuilder s = open(title, W, H);
    int step = (all.size() + MAX_POINTS - 1) / MAX_POINTS;
    List<Point> points = step <= 1 ? all : sample(all, step);
    if (step > 1) {
      s.append(text(W - RIGHT, TOP - 4, "1 in " + step + " of " + all.size() + " shown", "end", 9, false));
    }
    long first = points.stream().mapToLong(p -> p.at().toEpochMilli()).min().orElse(0);
    long last = points.stream().mapToLong(p -> p.at().toEpochMilli()).max().orElse(0);
    long pad = last == first ? 30_000 : 0;
    long x0 = first - pad;
    long x1 = last + pad;
    double ymax = nice(points.stream().mapToDouble(Point::y).max().orElse(1));
    frame(s, W, H);
    for (int i = 0; i <= 2; i++) {
      double v = ymax * i / 2;
      s.append(text(LEFT - 4, y(v, ymax) + 4, fy.apply(v), "end", 10, false));
      long t = x0 + (x1 - x0) * i / 2;
      s.append(text(x(t, x0, x1), H - BOTTOM + 14, timeLabel(t, x1 - x0), i == 0 ? "start" : i == 2 ? "end" : "middle",
          10, false));
    }
    s.append(text(LEFT + (W - LEFT - RIGHT) / 2.0, H - 6, "run start", "middle", 11, false));
    s.append("<text x=\"12\" y=\"").append(f(TOP + (H - TOP - BOTTOM) / 2.0)).append("\" font-size=\"11\" "
        + "text-anchor=\"middle\" transform=\"rotate(-90 12 ").append(f(TOP + (H - TOP - BOTTOM) / 2.0)).append(")\">")
        .append(esc(yLabel)).append("</text>");
    s.append(path(points, x0, x1, ymax, BLUE, "1", ""));
    if (dashed.size() > 1) {
      s.append(path(dashed, x0, x1, ymax, "#888", "1.5", "4 3"));
    }
    for (Point p : points) {
      s.append("<circle cx=\"").append(f(x(p.at().toEpochMilli(), x0, x1))).append("\" cy=\"").append(f(y(p.y(), ymax)))
          .append("\" r=\"2.5\" fill=\"").append(BLUE).append("\"/>");
    }
    return s.append("</svg>").toString();
  }

  /** Every {@code step}-th point, and the largest, in time order. */
  private static List<Point> sample(List<Point> all, int step) {
    Point top = all.stream().max(java.util.Comparator.comparingDouble(Point::y)).orElseThrow();
    List<Point> out = new java.util.ArrayList<>();
    for (int i = 0; i < all.size(); i += step) {
      out.add(all.get(i));
    }
    if (!out.contains(top)) {
      out.add(top);
      out.sort(java.util.Comparator.comparing(Point::at));
    }
    return out;
  }

  /** Horizontal bars, one per label, split into the parts' shares of the row's total. */
  static String shares(String title, List<String> labels, List<long[]> counts, List<Part> parts) {
    int labelWidth = 8 + 7 * labels.stream().mapToInt(String::length).max().orElse(4);
    int barWidth = 260;
    int width = labelWidth + barWidth + 70;
    int height = TOP + 20 + 22 * labels.size() + 8;
    StringBuilder s = open(title, width, height);
    legend(s, parts, labelWidth, TOP + 4);
    for (int i = 0; i < labels.size(); i++) {
      long[] c = counts.get(i);
      long total = java.util.Arrays.stream(c).sum();
      double y = TOP + 20 + 22 * i;
      s.append(text(labelWidth - 6, y + 13, labels.get(i), "end", 11, false));
      double x = labelWidth;
      for (int k = 0; k < c.length && total > 0; k++) {
        double w = barWidth * (double) c[k] / total;
        s.append(rect(x, y, w, 16, parts.get(k).color(), parts.get(k).label() + ": " + c[k]));
        x += w;
      }
      s.append(text(labelWidth + barWidth + 6, y + 13, total == 0 ? "none" : Long.toString(total), "start", 10, false));
    }
    return s.append("</svg>").toString();
  }

  /** Columns per category (a day), stacked from the parts' counts. */
  static String columns(String title, List<String> categories, List<long[]> counts, List<Part> parts) {
    int slot = Math.max(14, Math.min(48, 340 / Math.max(1, categories.size())));
    int width = LEFT + slot * categories.size() + RIGHT + 20;
    width = Math.max(width, 300);
    StringBuilder s = open(title, width, H);
    long max = Math.max(1, counts.stream().mapToLong(c -> java.util.Arrays.stream(c).sum()).max().orElse(1));
    legend(s, parts, LEFT, TOP - 6);
    double base = H - BOTTOM;
    double scale = (H - TOP - BOTTOM - 14) / (double) max;
    s.append(text(LEFT - 4, base + 4, "0", "end", 10, false));
    s.append(text(LEFT - 4, base - max * scale + 4, Long.toString(max), "end", 10, false));
    s.append("<line x1=\"").append(LEFT).append("\" y1=\"").append(f(base)).append("\" x2=\"").append(width - RIGHT)
        .append("\" y2=\"").append(f(base)).append("\" stroke=\"#888\"/>");
    int every = Math.max(1, categories.size() / 6);
    for (int i = 0; i < categories.size(); i++) {
      double x = LEFT + 4 + slot * i;
      double top = base;
      for (int k = 0; k < parts.size(); k++) {
        double h = counts.get(i)[k] * scale;
        top -= h;
        s.append(rect(x, top, slot - 4, h, parts.get(k).color(), categories.get(i) + ", " + parts.get(k).label() + ": "
            + counts.get(i)[k]));
      }
      if (i % every == 0) {
        s.append(text(x, base + 14, categories.get(i), "start", 10, false));
      }
    }
    return s.append("</svg>").toString();
  }

  /** The smallest 1, 2 or 5 times a power of ten at or above {@code v}, so the axis' ticks are round. */
  static double nice(double v) {
    if (!(v > 0)) {
      return 1;
    }
    double p = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * p >= v) {
        return m * p;
      }
    }
    return 10 * p;
  }

  private static void legend(StringBuilder s, List<Part> parts, double x, double y) {
    double at = x;
    for (Part p : parts) {
      s.append(rect(at, y, 10, 10, p.color(), p.label()));
      s.append(text(at + 14, y + 9, p.label(), "start", 10, false));
      at += 24 + 6 * p.label().length();
    }
  }

  private static StringBuilder open(String title, int w, int h) {
    StringBuilder s = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + w + "\" height=\"" + h
        + "\" role=\"img\"><title>" + esc(title) + "</title>");
    return s.append(text(w / 2.0, 16, title, "middle", 13, true));
  }

  private static void frame(StringBuilder s, int w, int h) {
    s.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(w - LEFT - RIGHT)
        .append("\" height=\"").append(h - TOP - BOTTOM).append("\" fill=\"none\" stroke=\"#888\"/>");
  }

  private static String path(List<Point> points, long x0, long x1, double ymax, String color, String width,
      String dash) {
    StringBuilder d = new StringBuilder();
    for (Point p : points) {
      d.append(d.length() == 0 ? "M" : "L").append(f(x(p.at().toEpochMilli(), x0, x1))).append(' ')
          .append(f(y(p.y(), ymax)));
    }
    return "<path d=\"" + d + "\" fill=\"none\" stroke=\"" + color + "\" stroke-width=\"" + width + "\""
        + (dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\"") + "/>";
  }

  private static String rect(double x, double y, double w, double h, String color, String tip) {
    return "<rect x=\"" + f(x) + "\" y=\"" + f(y) + "\" width=\"" + f(w) + "\" height=\"" + f(h) + "\" fill=\"" + color
        + "\"><title>" + esc(tip) + "</title></rect>";
  }

  private static double x(long t, long x0, long x1) {
    return LEFT + 6 + (W - LEFT - RIGHT - 12) * (double) (t - x0) / (x1 - x0);
  }

  private static double y(double v, double ymax) {
    return H - BOTTOM - (H - TOP - BOTTOM) * v / ymax;
  }

  private static String timeLabel(long t, long range) {
    String pattern = range < 86_400_000L ? "HH:mm:ss" : range < 4 * 86_400_000L ? "MM-dd HH:mm" : "yyyy-MM-dd";
    return DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withZone(ZoneId.systemDefault())
        .format(Instant.ofEpochMilli(t));
  }

  private static String text(double x, double y, String t, String anchor, int size, boolean bold) {
    return "<text x=\"" + f(x) + "\" y=\"" + f(y) + "\" font-size=\"" + size + "\" text-anchor=\"" + anchor + "\""
        + (bold ? " font-weight=\"bold\"" : "") + ">" + esc(t) + "</text>";
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
