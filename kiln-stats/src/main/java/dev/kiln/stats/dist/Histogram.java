package dev.kiln.stats.dist;

import java.util.List;

/**
 * Counts of values in bins. {@code edges} has one more element than {@code counts}; bin {@code i}
 * holds the values {@code v} with {@code edges[i] < v <= edges[i+1]}, the first bin also its left
 * edge ({@code edges[0] <= v}).
 */
public record Histogram(List<Double> edges, List<Long> counts) {

  public Histogram {
    edges = List.copyOf(edges);
    counts = List.copyOf(counts);
    if (edges.size() != counts.size() + 1) {
      throw new IllegalArgumentException("a histogram needs one more edge than counts: "
          + edges.size() + " edges, " + counts.size() + " counts");
    }
    for (int i = 1; i < edges.size(); i++) {
      if (!(edges.get(i - 1) < edges.get(i))) {
        throw new IllegalArgumentException("histogram edges must increase: " + edges);
      }
    }
  }

  public long total() {
    return counts.stream().mapToLong(Long::longValue).sum();
  }

  public int bins() {
    return counts.size();
  }

  public double[] edgeArray() {
    return edges.stream().mapToDouble(Double::doubleValue).toArray();
  }

  public long[] countArray() {
    return counts.stream().mapToLong(Long::longValue).toArray();
  }
}
