package dev.kiln.model.xgboost;

import com.fasterxml.jackson.databind.JsonNode;

/** The trees of a {@code gbtree} model, checked and laid out in one set of flat arrays. */
final class Trees {
  private static final String[] NODE_ARRAYS = {"left_children", "right_children", "split_indices", "split_conditions",
      "default_left"};
  private final int features;
  private final int groups;
  private final JsonNode trees;
  private final JsonNode treeInfo;

  Trees(int features, int groups, JsonNode model) {
    this.features = features;
    this.groups = groups;
    this.trees = model.path("trees");
    this.treeInfo = model.path("tree_info");
    if (treeInfo.size() != trees.size()) {
      throw new XGBoostModelException("gradient_booster.model has " + trees.size() + " trees but tree_info gives "
          + treeInfo.size() + " groups");
    }
  }

  TreeEnsemble build(Objective objective, float[] base) {
    int total = 0;
    for (int t = 0; t < trees.size(); t++) {
      total += nodes(t);
    }
    int[] roots = new int[trees.size()];
    int[] group = new int[trees.size()];
    int[] feature = new int[total];
    float[] value = new float[total];
    int[] left = new int[total];
    int[] right = new int[total];
    int[] missing = new int[total];
    int at = 0;
    for (int t = 0; t < trees.size(); t++) {
      roots[t] = at;
      group[t] = group(t);
      at = copy(t, at, feature, value, left, right, missing);
    }
    return new TreeEnsemble(objective, features, base, roots, group, feature, value, left, right, missing);
  }

  private int group(int t) {
    int g = treeInfo.get(t).asInt(-1);
    if (g < 0 || g >= groups) {
      throw new XGBoostModelException("tree_info[" + t + "] is " + treeInfo.get(t).asText() + ", not an output group "
          + "of 0.." + (groups - 1));
    }
    return g;
  }

  /** Number of nodes of tree {@code t}, after checking its arrays agree. */
  private int nodes(int t) {
    JsonNode tree = trees.get(t);
    int n = TreeEnsembleReader.integer(tree.path("tree_param"), "num_nodes");
    JsonNode leafVector = tree.path("tree_param").path("size_leaf_vector");
    if (!leafVector.isMissingNode() && TreeEnsembleReader.integer(tree.path("tree_param"), "size_leaf_vector") > 1) {
      throw new XGBoostModelException("tree " + t + " has vector leaves (multi_strategy=multi_output_tree), which "
          + "Kiln's XGBoost predictor does not support");
    }
    if (n < 1) {
      throw new XGBoostModelException("tree " + t + " has " + n + " nodes");
    }
    for (String a : NODE_ARRAYS) {
      if (!tree.path(a).isArray() || tree.path(a).size() != n) {
        throw new XGBoostModelException("tree " + t + ": '" + a + "' should list " + n + " nodes, found "
            + (tree.path(a).isArray() ? tree.path(a).size() + " values" : "none"));
      }
    }
    checkNumericSplits(t, tree);
    return n;
  }

  private static void checkNumericSplits(int t, JsonNode tree) {
    JsonNode types = tree.path("split_type");
    for (int i = 0; i < types.size(); i++) {
      if (types.get(i).asInt() != 0) {
        throw new XGBoostModelException("tree " + t + " node " + i + " is a categorical split: categorical features "
            + "are not supported by Kiln's XGBoost predictor (train with numeric or one-hot encoded features)");
      }
    }
  }

  private int copy(int t, int at, int[] feature, float[] value, int[] left, int[] right, int[] missing) {
    JsonNode tree = trees.get(t);
    JsonNode l = tree.get("left_children");
    JsonNode r = tree.get("right_children");
    JsonNode f = tree.get("split_indices");
    JsonNode c = tree.get("split_conditions");
    JsonNode d = tree.get("default_left");
    int n = l.size();
    for (int i = 0; i < n; i++) {
      int li = l.get(i).asInt();
      value[at + i] = number(t, i, c.get(i));
      if (li == -1) {
        feature[at + i] = -1;
        continue;
      }
      int ri = r.get(i).asInt();
      int fi = f.get(i).asInt(-1);
      if (li < 0 || li >= n || ri < 0 || ri >= n) {
        throw new XGBoostModelException("tree " + t + " node " + i + " has children " + li + " and " + ri
            + " outside 0.." + (n - 1));
      }
      if (fi < 0 || fi >= features) {
        throw new XGBoostModelException("tree " + t + " node " + i + " splits on feature " + f.get(i).asText()
            + " but the model has " + features + " features");
      }
      feature[at + i] = fi;
      left[at + i] = at + li;
      right[at + i] = at + ri;
      missing[at + i] = bool(d.get(i)) ? at + li : at + ri;
    }
    checkIsATree(t, tree, n);
    return at + n;
  }

  /** Every node reachable from the root once: no cycle, no shared child. */
  private static void checkIsATree(int t, JsonNode tree, int n) {
    JsonNode l = tree.get("left_children");
    JsonNode r = tree.get("right_children");
    boolean[] seen = new boolean[n];
    int[] stack = new int[n + 1];
    int top = 0;
    stack[top++] = 0;
    while (top > 0) {
      int i = stack[--top];
      if (seen[i]) {
        throw new XGBoostModelException("tree " + t + " reaches node " + i + " twice: not a tree");
      }
      seen[i] = true;
      if (l.get(i).asInt() != -1) {
        if (top + 2 > stack.length) {
          throw new XGBoostModelException("tree " + t + " reaches more nodes than it has: not a tree");
        }
        stack[top++] = l.get(i).asInt();
        stack[top++] = r.get(i).asInt();
      }
    }
  }

  private static float number(int t, int i, JsonNode v) {
    if (v.isFloat()) {
      return v.floatValue();
    }
    if (v.isNumber()) {
      return Float.parseFloat(v.asText());
    }
    throw new XGBoostModelException("tree " + t + " node " + i + ": split_conditions holds '" + v.asText()
        + "', not a number");
  }

  private static boolean bool(JsonNode v) {
    return v.isBoolean() ? v.booleanValue() : v.asInt() != 0;
  }
}
