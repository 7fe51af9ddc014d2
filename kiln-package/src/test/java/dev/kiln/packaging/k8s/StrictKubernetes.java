package dev.kiln.packaging.k8s;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads Kubernetes YAML into fabric8's model classes and refuses any field the Kubernetes object
 * schema does not have: fabric8 keeps unknown fields in {@code additionalProperties} rather than
 * failing, so every object read is walked and each such field is reported with its path. A number
 * or boolean where the schema has a string is refused too (Jackson would coerce it silently).
 */
final class StrictKubernetes {
  private static final ObjectMapper YAML = strict(new ObjectMapper(new YAMLFactory())
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES));

  /** A YAML number or boolean where the schema says string (a label value, ConfigMap data) is refused, as the API server refuses it. */
  private static ObjectMapper strict(ObjectMapper m) {
    for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
        CoercionInputShape.Boolean)) {
      m.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
    }
    return m;
  }

  private StrictKubernetes() {}

  static <T> T read(String yaml, Class<T> type) throws Exception {
    T value = YAML.readValue(yaml, type);
    List<String> unknown = new ArrayList<>();
    walk(value, type.getSimpleName(), unknown);
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("fields the Kubernetes schema does not have: " + unknown);
    }
    return value;
  }

  private static void walk(Object o, String path, List<String> unknown) throws Exception {
    if (o == null) {
      return;
    }
    if (o instanceof List<?> l) {
      for (int i = 0; i < l.size(); i++) {
        walk(l.get(i), path + "[" + i + "]", unknown);
      }
      return;
    }
    if (o instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        walk(e.getValue(), path + "." + e.getKey(), unknown);
      }
      return;
    }
    if (!o.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
      return;
    }
    for (Method m : o.getClass().getMethods()) {
      if (m.getParameterCount() != 0 || !m.getName().startsWith("get") || m.getDeclaringClass() == Object.class) {
        continue;
      }
      Object v = m.invoke(o);
      if (m.getName().equals("getAdditionalProperties")) {
        ((Map<?, ?>) v).keySet().forEach(k -> unknown.add(path + "." + k));
      } else {
        String field = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
        walk(v, path + "." + field, unknown);
      }
    }
  }
}
