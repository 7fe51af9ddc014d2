package dev.kiln.core.fingerprint;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Says, in words, why a stage's inputs differ from those of its last successful execution:
 * "modified: data/train.csv", "param train.lr: 0.1 → 0.2", "command changed", …
 */
public final class ChangeReasons {
  private ChangeReasons() {}

  public static List<String> between(StageInputs before, StageInputs now) {
    List<String> reasons = new ArrayList<>();
    if (before.format() != now.format()) {
      reasons.add("fingerprint format changed (Kiln upgrade)");
    }
    describeAction(before.action(), now.action(), reasons);
    for (String path : union(before.deps(), now.deps())) {
      String was = before.deps().get(path);
      String is = now.deps().get(path);
      if (was == null) {
        reasons.add("new dep: " + path);
      } else if (is == null) {
        reasons.add("dep removed: " + path);
      } else if ("missing".equals(is) && !was.equals(is)) {
        reasons.add("deleted: " + path);
      } else if (!was.equals(is)) {
        reasons.add("modified: " + path);
      }
    }
    for (String key : union(before.params(), now.params())) {
      boolean had = before.params().containsKey(key);
      boolean has = now.params().containsKey(key);
      Object was = before.params().get(key);
      Object is = now.params().get(key);
      if (!had) {
        reasons.add("new param " + key + ": " + show(is));
      } else if (!has) {
        reasons.add("param removed: " + key);
      } else if (!CanonicalJson.write(was).equals(CanonicalJson.write(is))) {
        reasons.add("param " + key + ": " + show(was) + " → " + show(is));
      }
    }
    for (String name : union(before.env(), now.env())) {
      if (!Objects.equals(before.env().get(name), now.env().get(name))) {
        reasons.add("env " + name + " changed");
      }
    }
    for (String key : union(before.live(), now.live())) {
      Object was = before.live().get(key);
      Object is = now.live().get(key);
      if (!CanonicalJson.write(was).equals(CanonicalJson.write(is))) {
        reasons.add(key + ": " + (was == null ? "none" : show(was)) + " → " + (is == null ? "none" : show(is)));
      }
    }
    if (!before.outs().equals(now.outs())) {
      reasons.add("outs changed: " + before.outs() + " → " + now.outs());
    }
    return reasons;
  }

  private static void describeAction(Map<String, Object> was, Map<String, Object> is, List<String> reasons) {
    if (was.equals(is)) {
      return;
    }
    if (was.containsKey("run") && is.containsKey("run")) {
      reasons.add("command changed");
    } else if (was.containsKey("uses") && is.containsKey("uses") && Objects.equals(was.get("uses"), is.get("uses"))) {
      if (!Objects.equals(was.get("version"), is.get("version"))) {
        reasons.add("step '" + is.get("uses") + "' version changed: " + was.get("version") + " → " + is.get("version"));
      }
      if (!Objects.equals(was.get("with"), is.get("with"))) {
        reasons.add("step '" + is.get("uses") + "' configuration changed");
      }
    } else {
      reasons.add("command changed");
    }
  }

  private static TreeSet<String> union(Map<String, ?> a, Map<String, ?> b) {
    TreeSet<String> keys = new TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    return keys;
  }

  private static String show(Object v) {
    return v instanceof String s ? s : CanonicalJson.write(v);
  }
}
