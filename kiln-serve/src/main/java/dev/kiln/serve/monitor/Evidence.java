package dev.kiln.serve.monitor;

import dev.kiln.core.fingerprint.CanonicalJson;
import dev.kiln.release.monitor.MonitorWindow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An alert's evidence as JSON: the rule, and per window it held on, the figures each condition judged. */
final class Evidence {
  private Evidence() {}

  record Held(MonitorWindow window, List<Judgement> judgements) {}

  static String json(Rule rule, List<Held> windows) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("rule", rule.name());
    root.put("for", rule.forWindows());
    List<Object> ws = new ArrayList<>();
    for (Held h : windows) {
      MonitorWindow w = h.window();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("model", w.model());
      m.put("version", w.version());
      m.put("start", w.start().toString());
      m.put("end", w.end().toString());
      m.put("requests", w.requests());
      m.put("errors", w.errors());
      m.put("labels", w.labels());
      List<Object> cs = new ArrayList<>();
      for (int i = 0; i < h.judgements().size(); i++) {
        Judgement j = h.judgements().get(i);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("condition", rule.conditions().get(i).key());
        c.put("outcome", j.outcome().name().toLowerCase(java.util.Locale.ROOT));
        c.put("why", j.words());
        c.put("figures", j.figures());
        cs.add(c);
      }
      m.put("conditions", cs);
      ws.add(m);
    }
    root.put("windows", ws);
    return CanonicalJson.write(finite(root));
  }

  /** JSON has no NaN: figures that do not apply are null. */
  private static Object finite(Object v) {
    if (v instanceof Double d && (d.isNaN() || d.isInfinite())) {
      return null;
    }
    if (v instanceof Map<?, ?> m) {
      Map<Object, Object> out = new LinkedHashMap<>();
      m.forEach((k, x) -> out.put(k, finite(x)));
      return out;
    }
    if (v instanceof List<?> l) {
      List<Object> out = new ArrayList<>();
      l.forEach(x -> out.add(finite(x)));
      return out;
    }
    return v;
  }
}
