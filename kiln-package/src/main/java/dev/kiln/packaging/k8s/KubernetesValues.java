package dev.kiln.packaging.k8s;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Quantity;
import java.io.IOException;

/**
 * How Kubernetes writes its two scalar-or-structured values, which fabric8's model leaves to its
 * client's serializer: an {@code IntOrString} as the number or the string, a {@code Quantity} as
 * {@code 512Mi}.
 */
final class KubernetesValues {
  static final SimpleModule MODULE = new SimpleModule("kubernetes-values")
      .addSerializer(IntOrString.class, new JsonSerializer<>() {
        @Override
        public void serialize(IntOrString v, JsonGenerator g, SerializerProvider p) throws IOException {
          if (v.getIntVal() != null) {
            g.writeNumber(v.getIntVal());
          } else {
            g.writeString(v.getStrVal());
          }
        }
      })
      .addSerializer(Quantity.class, new JsonSerializer<>() {
        @Override
        public void serialize(Quantity v, JsonGenerator g, SerializerProvider p) throws IOException {
          g.writeString(v.getAmount() + (v.getFormat() == null ? "" : v.getFormat()));
        }
      });

  private KubernetesValues() {}
}
