package dev.kiln.packaging.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.core.fingerprint.CanonicalJson;
import dev.kiln.release.bundle.Bundle;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The image's labels: the OCI pre-defined annotation keys ({@code org.opencontainers.image.title}
 * is the model, {@code .version} its version, {@code .revision} the git commit it was trained at,
 * {@code .created} when it was registered) and Kiln's lineage under {@code dev.kiln.*} (run,
 * pipeline, artifact digest, the gate's verdict), read from the bundle's lineage record.
 */
final class ImageLabels {
  private ImageLabels() {}

  static Map<String, String> of(Bundle bundle, Optional<String> base) throws IOException {
    JsonNode lineage = CanonicalJson.MAPPER.readTree(Files.readString(bundle.lineage()));
    Map<String, String> labels = new TreeMap<>();
    String oci = "org.opencontainers.image.";
    labels.put(oci + "title", bundle.info().model());
    labels.put(oci + "version", Integer.toString(bundle.info().version()));
    labels.put(oci + "description", bundle.info().ref() + " served by Kiln's inference gateway (Open Inference "
        + "Protocol v2 and MLflow scoring)");
    text(lineage, "lineage", "git_commit").ifPresent(v -> labels.put(oci + "revision", v));
    text(lineage, "created_at").ifPresent(v -> labels.put(oci + "created", v));
    base.ifPresent(b -> labels.put(oci + "base.name", b));
    labels.put("dev.kiln.model", bundle.info().model());
    labels.put("dev.kiln.version", Integer.toString(bundle.info().version()));
    labels.put("dev.kiln.artifact", bundle.info().artifact());
    labels.put("dev.kiln.kiln-version", String.valueOf(bundle.info().kilnVersion()));
    text(lineage, "lineage", "run").ifPresent(v -> labels.put("dev.kiln.run", v));
    text(lineage, "lineage", "pipeline").ifPresent(v -> labels.put("dev.kiln.pipeline", v));
    text(lineage, "lineage", "stage").ifPresent(v -> labels.put("dev.kiln.stage", v));
    text(lineage, "gate", "blessed").ifPresent(v -> labels.put("dev.kiln.gate.blessed", v));
    return labels;
  }

  private static Optional<String> text(JsonNode n, String... path) {
    JsonNode at = n;
    for (String p : path) {
      at = at == null ? null : at.get(p);
    }
    return at == null || at.isNull() || at.isContainerNode() ? Optional.empty() : Optional.of(at.asText());
  }
}
