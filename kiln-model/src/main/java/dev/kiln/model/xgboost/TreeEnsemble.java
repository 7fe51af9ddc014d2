package dev.kiln.model.xgboost;

/**
 * An XGBoost tree ensemble in flat arrays, predicting in pure Java what XGBoost predicts: each
 * row starts from the base margin of its output group, adds every tree's leaf in tree order in
 * float32 (a feature goes left when {@code value < threshold}, a missing value (NaN) the tree's
 * default way), and the objective's transform turns the margins into probabilities or scores.
 * Immutable and safe for concurrent use; predicting allocates nothing. Read one with
 * {@link TreeEnsembleReader}.
 */
public final class TreeEnsemble {
  private final Objective objective;
  private final int features;
  private final float[] baseMargin;
  private final int[] roots;
  private final int[] treeGroup;
  /** Per node: the feature a split tests, or -1 for a leaf. */
  private final int[] feature;
  /** Per node: a split's threshold, or a leaf's value. */
  private final float[] value;
  private final int[] left;
  private final int[] right;
  private final int[] missing;

  TreeEnsemble(Objective objective, int features, float[] baseMargin, int[] roots, int[] treeGroup, int[] feature,
      float[] value, int[] left, int[] right, int[] missing) {
    this.objective = objective;
    this.features = features;
    this.baseMargin = baseMargin;
    this.roots = roots;
    this.treeGroup = treeGroup;
    this.feature = feature;
    this.value = value;
    this.left = left;
    this.right = right;
    this.missing = missing;
  }

  public Objective objective() {
    return objective;
  }

  /** Features per row. */
  public int features() {
    return features;
  }

  /** Outputs per row: 1, or the number of classes of a multi-class model. */
  public int groups() {
    return baseMargin.length;
  }

  public int trees() {
    return roots.length;
  }

  /** The prediction for the row at {@code x[offset .. offset + features)} of a one-group model. */
  public float predict(float[] x, int offset) {
    if (baseMargin.length != 1) {
      throw new IllegalStateException("a model with " + baseMargin.length + " outputs per row predicts into an array");
    }
    return objective.transform(margin(x, offset));
  }

  /** The predictions for the row at {@code x[offset .. offset + features)}, written to {@code out[0 .. groups)}. */
  public void predict(float[] x, int offset, float[] out) {
    margins(x, offset, out);
    objective.transform(out);
  }

  /** The summed margin of a one-group model, before the objective's transform. */
  public float margin(float[] x, int offset) {
    float sum = baseMargin[0];
    for (int root : roots) {
      sum += value[leaf(root, x, offset)];
    }
    return sum;
  }

  /** The summed margins, before the objective's transform. */
  public void margins(float[] x, int offset, float[] out) {
    System.arraycopy(baseMargin, 0, out, 0, baseMargin.length);
    for (int t = 0; t < roots.length; t++) {
      out[treeGroup[t]] += value[leaf(roots[t], x, offset)];
    }
  }

  private int leaf(int node, float[] x, int offset) {
    int n = node;
    for (int f = feature[n]; f >= 0; f = feature[n]) {
      float v = x[offset + f];
      n = v < value[n] ? left[n] : v >= value[n] ? right[n] : missing[n];
    }
    return n;
  }
}
