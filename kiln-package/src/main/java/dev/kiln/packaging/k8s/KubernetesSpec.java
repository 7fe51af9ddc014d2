package dev.kiln.packaging.k8s;

import java.util.Map;

/**
 * What the manifests say: the model and version, the image by digest
 * ({@code REGISTRY/REPO@sha256:…}), the gateway's port, replicas, resource requests and limits,
 * and the gateway's settings (the ConfigMap's keys: {@code KILN_MAX_BODY}, {@code KILN_MAX_ROWS},
 * {@code KILN_BATCHING}, {@code KILN_BATCH_WAIT_US}, {@code KILN_DRAIN_TIMEOUT}).
 */
public record KubernetesSpec(String model, int version, String image, int port, int replicas, String cpuRequest,
    String memoryRequest, String memoryLimit, Map<String, String> settings) {

  public static final Map<String, String> DEFAULT_SETTINGS = Map.of("KILN_MAX_BODY", "16777216", "KILN_MAX_ROWS",
      "10000", "KILN_BATCHING", "on", "KILN_BATCH_WAIT_US", "200", "KILN_DRAIN_TIMEOUT", "30");

  public KubernetesSpec {
    if (!image.contains("@sha256:")) {
      throw new IllegalArgumentException("the manifests name the image by digest (REPO@sha256:…), found " + image);
    }
    settings = Map.copyOf(settings);
  }

  /** Defaults: one replica, 500m CPU and 512Mi requested, 1Gi memory limit, the gateway's default settings. */
  public static KubernetesSpec of(String model, int version, String image, int port) {
    return new KubernetesSpec(model, version, image, port, 1, "500m", "512Mi", "1Gi", DEFAULT_SETTINGS);
  }
}
