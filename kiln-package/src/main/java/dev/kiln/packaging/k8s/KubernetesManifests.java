package dev.kiln.packaging.k8s;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Kubernetes objects that run a packaged model, built as fabric8 model objects: a Deployment
 * (the image by digest, readiness on {@code /v2/health/ready}, liveness on {@code /v2/health/live},
 * resource requests, a non-root, read-only, capability-free security context with an
 * {@code emptyDir} {@code /tmp}, a grace period longer than the gateway's drain), a ClusterIP
 * Service, and a ConfigMap whose keys the container reads as the gateway's options.
 * {@link #write} puts each in its own YAML file.
 */
public final class KubernetesManifests {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER).enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
      .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS))
      .registerModule(KubernetesValues.MODULE);
  private static final Map<String, String> FLAGS = new TreeMap<>(Map.of("KILN_MAX_BODY", "--max-body",
      "KILN_MAX_ROWS", "--max-rows", "KILN_BATCHING", "--batching", "KILN_BATCH_WAIT_US", "--batch-wait-us",
      "KILN_DRAIN_TIMEOUT", "--drain-timeout"));

  private final KubernetesSpec spec;
  private final String name;

  public KubernetesManifests(KubernetesSpec spec) {
    this.spec = spec;
    this.name = dnsName(spec.model());
  }

  /** A DNS-1123 label from a model name: lower case, '-' for anything else, at most 63 characters. */
  static String dnsName(String model) {
    String n = model.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-").replaceAll("-+", "-")
        .replaceAll("^-|-$", "");
    n = n.length() > 63 ? n.substring(0, 63).replaceAll("-$", "") : n;
    return n.isEmpty() ? "model" : n;
  }

  public List<HasMetadata> objects() {
    return List.of(configMap(), deployment(), service());
  }

  /** Writes {@code configmap.yaml}, {@code deployment.yaml} and {@code service.yaml}; returns them. */
  public List<Path> write(Path dir) throws IOException {
    Files.createDirectories(dir);
    List<Path> out = new ArrayList<>();
    for (HasMetadata o : objects()) {
      Path f = dir.resolve(o.getKind().toLowerCase(Locale.ROOT) + ".yaml");
      Files.writeString(f, YAML.writeValueAsString(o));
      out.add(f);
    }
    return out;
  }

  private Map<String, String> labels() {
    Map<String, String> l = new LinkedHashMap<>();
    l.put("app.kubernetes.io/name", name);
    l.put("app.kubernetes.io/version", Integer.toString(spec.version()));
    l.put("app.kubernetes.io/component", "inference-gateway");
    l.put("app.kubernetes.io/managed-by", "kiln");
    return l;
  }

  private Map<String, String> selector() {
    return Map.of("app.kubernetes.io/name", name);
  }

  ConfigMap configMap() {
    return new ConfigMapBuilder().withNewMetadata().withName(name + "-gateway").withLabels(labels()).endMetadata()
        .withData(new TreeMap<>(spec.settings())).build();
  }

  Deployment deployment() {
    int drain = Integer.parseInt(spec.settings().getOrDefault("KILN_DRAIN_TIMEOUT", "30"));
    return new DeploymentBuilder()
        .withNewMetadata().withName(name).withLabels(labels())
          .addToAnnotations("kiln.dev/model", spec.model() + ":" + spec.version()).endMetadata()
        .withNewSpec().withReplicas(spec.replicas())
          .withNewSelector().withMatchLabels(selector()).endSelector()
          .withNewTemplate()
            .withNewMetadata().withLabels(labels()).endMetadata()
            .withNewSpec()
              .withTerminationGracePeriodSeconds((long) drain + 15)
              .withAutomountServiceAccountToken(false)
              .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(65532L).withRunAsGroup(65532L)
                .withFsGroup(65532L).withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
              .endSecurityContext()
              .withContainers(container())
              .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
            .endSpec()
          .endTemplate()
        .endSpec().build();
  }

  private Container container() {
    List<String> args = new ArrayList<>();
    FLAGS.forEach((key, flag) -> {
      if (spec.settings().containsKey(key)) {
        args.add(flag);
        args.add("$(" + key + ")");
      }
    });
    return new ContainerBuilder().withName("gateway").withImage(spec.image()).withImagePullPolicy("IfNotPresent")
        .withArgs(args)
        .addNewEnvFrom().withNewConfigMapRef().withName(name + "-gateway").endConfigMapRef().endEnvFrom()
        .addNewPort().withName("http").withContainerPort(spec.port()).withProtocol("TCP").endPort()
        .withReadinessProbe(probe("/v2/health/ready", 2, 5, 3))
        .withLivenessProbe(probe("/v2/health/live", 10, 10, 3))
        .withStartupProbe(probe("/v2/health/live", 1, 2, 60))
        .withNewResources()
          .addToRequests("cpu", new Quantity(spec.cpuRequest()))
          .addToRequests("memory", new Quantity(spec.memoryRequest()))
          .addToLimits("memory", new Quantity(spec.memoryLimit()))
        .endResources()
        .withNewSecurityContext().withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true)
          .withRunAsNonRoot(true).withNewCapabilities().addToDrop("ALL").endCapabilities()
        .endSecurityContext()
        .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
        .build();
  }

  private static Probe probe(String path, int initialDelay, int period, int failures) {
    return new ProbeBuilder().withNewHttpGet().withPath(path).withPort(new IntOrString("http")).endHttpGet()
        .withInitialDelaySeconds(initialDelay).withPeriodSeconds(period).withFailureThreshold(failures)
        .withTimeoutSeconds(2).build();
  }

  Service service() {
    return new ServiceBuilder().withNewMetadata().withName(name).withLabels(labels()).endMetadata()
        .withNewSpec().withType("ClusterIP").withSelector(selector())
          .addNewPort().withName("http").withPort(80).withTargetPort(new IntOrString("http")).withProtocol("TCP")
          .endPort()
        .endSpec().build();
  }
}
