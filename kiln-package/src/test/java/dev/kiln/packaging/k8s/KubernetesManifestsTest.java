package dev.kiln.packaging.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubernetesManifestsTest {
  private static final String IMAGE = "127.0.0.1:5000/kiln/credit-risk@sha256:" + "ab".repeat(32);

  @TempDir
  Path dir;

  private List<Path> written() throws Exception {
    return new KubernetesManifests(KubernetesSpec.of("Credit_Risk", 3, IMAGE, 8080)).write(dir);
  }

  @Test
  void theWrittenManifestsReadBackUnderTheKubernetesSchemaWithNoUnknownField() throws Exception {
    assertThat(written()).extracting(p -> p.getFileName().toString())
        .containsExactly("configmap.yaml", "deployment.yaml", "service.yaml");
    Deployment d = StrictKubernetes.read(Files.readString(dir.resolve("deployment.yaml")), Deployment.class);
    StrictKubernetes.read(Files.readString(dir.resolve("service.yaml")), Service.class);
    StrictKubernetes.read(Files.readString(dir.resolve("configmap.yaml")), ConfigMap.class);
    assertThat(d.getApiVersion()).isEqualTo("apps/v1");
    assertThat(d.getMetadata().getName()).isEqualTo("credit-risk");
    assertThat(d).isEqualTo(new KubernetesManifests(KubernetesSpec.of("Credit_Risk", 3, IMAGE, 8080)).deployment());
  }

  @Test
  void theDeploymentProbesTheGatewaysHealthAndRunsTheImageByDigestAsNonRoot() throws Exception {
    written();
    Deployment d = StrictKubernetes.read(Files.readString(dir.resolve("deployment.yaml")), Deployment.class);
    Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(c.getImage()).isEqualTo(IMAGE);
    assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/v2/health/ready");
    assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/v2/health/live");
    assertThat(c.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo(c.getPorts().get(0).getName());
    assertThat(c.getPorts().get(0).getContainerPort()).isEqualTo(8080);
    assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
    assertThat(c.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
    assertThat(d.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser()).isEqualTo(65532L);
    assertThat(c.getVolumeMounts().get(0).getMountPath()).isEqualTo("/tmp");
    assertThat(d.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds()).isGreaterThan(30L);
    assertThat(d.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(
        d.getSpec().getSelector().getMatchLabels());
  }

  @Test
  void theServiceSelectsTheDeploymentsPodsAndEveryVariableTheArgsNameIsInTheConfigMap() throws Exception {
    written();
    Deployment d = StrictKubernetes.read(Files.readString(dir.resolve("deployment.yaml")), Deployment.class);
    Service s = StrictKubernetes.read(Files.readString(dir.resolve("service.yaml")), Service.class);
    ConfigMap cm = StrictKubernetes.read(Files.readString(dir.resolve("configmap.yaml")), ConfigMap.class);
    assertThat(d.getSpec().getTemplate().getMetadata().getLabels()).containsAllEntriesOf(s.getSpec().getSelector());
    assertThat(s.getSpec().getPorts().get(0).getTargetPort().getStrVal()).isEqualTo("http");
    Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
    assertThat(c.getEnvFrom().get(0).getConfigMapRef().getName()).isEqualTo(cm.getMetadata().getName());
    List<String> referenced = new ArrayList<>();
    Matcher m = Pattern.compile("\\$\\(([A-Z_]+)\\)").matcher(String.join(" ", c.getArgs()));
    while (m.find()) {
      referenced.add(m.group(1));
    }
    assertThat(referenced).hasSize(5);
    assertThat(cm.getData()).containsKeys(referenced.toArray(String[]::new));
    assertThat(c.getArgs()).contains("--drain-timeout", "--batching");
  }

  @Test
  void aFieldTheSchemaDoesNotHaveIsRefusedWithItsPath() throws Exception {
    written();
    String yaml = Files.readString(dir.resolve("deployment.yaml")).replace("readinessProbe:", "readinesProbe:");
    assertThatThrownBy(() -> StrictKubernetes.read(yaml, Deployment.class))
        .hasMessageContaining("spec.template.spec.containers[0].readinesProbe");
  }

  @Test
  void valuesThatLookLikeNumbersAreWrittenAsTheStringsTheSchemaWants() throws Exception {
    written();
    assertThat(Files.readString(dir.resolve("deployment.yaml"))).contains("app.kubernetes.io/version: \"3\"");
    assertThat(Files.readString(dir.resolve("configmap.yaml"))).contains("KILN_MAX_ROWS: \"10000\"");
    String unquoted = Files.readString(dir.resolve("configmap.yaml")).replace("\"10000\"", "10000");
    assertThatThrownBy(() -> StrictKubernetes.read(unquoted, ConfigMap.class)).hasMessageContaining("String");
  }

  @Test
  void anImageNotNamedByDigestIsRefused() {
    assertThatThrownBy(() -> KubernetesSpec.of("credit", 3, "kiln/credit:3", 8080))
        .hasMessageContaining("by digest");
  }

  @Test
  void modelNamesBecomeDnsLabels() {
    assertThat(KubernetesManifests.dnsName("team/Credit.Risk_v2")).isEqualTo("team-credit-risk-v2");
    assertThat(KubernetesManifests.dnsName("a".repeat(80))).hasSize(63);
    assertThat(KubernetesManifests.dnsName("--")).isEqualTo("model");
  }
}
