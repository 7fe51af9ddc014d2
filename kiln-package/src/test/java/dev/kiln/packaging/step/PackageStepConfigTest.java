package dev.kiln.packaging.step;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.core.config.ConfigException;
import dev.kiln.core.load.PipelineParser;
import dev.kiln.core.pipeline.Pipeline;
import dev.kiln.core.step.StepRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The package step's configuration: its keys are the ones docs/kiln-yaml.md lists, and bad ones are located. */
class PackageStepConfigTest {
  private static final Pattern KEY_ROW = Pattern.compile("^\\| `([a-z][a-z0-9-]*)` \\|");

  @TempDir
  Path dir;

  private Pipeline load(String with) throws Exception {
    Files.writeString(dir.resolve("kiln.yaml"), "kiln: 1\npipeline: t\nstages:\n  package:\n    uses: package\n"
        + "    with: " + with + "\n");
    return new PipelineParser(StepRegistry.load()).load(dir);
  }

  @Test
  void theStepIsFoundAndItsFilesAreTheStagesOuts() throws Exception {
    Pipeline p = load("{model: 'churn@staging', bundle: build/bundle, image: build/img.tar, k8s: build/k8s}");
    assertThat(StepRegistry.load().names()).contains("package");
    assertThat(new PackageStep().paths(java.util.Map.of("bundle", "build/bundle", "image", "build/img.tar", "k8s",
        "build/k8s")).outs()).containsExactly("build/bundle", "build/img.tar", "build/k8s");
    assertThat(p.stages()).hasSize(1);
  }

  @Test
  void everyProblemIsReportedAtOnceWithItsLocation() {
    assertThatThrownBy(() -> load("{model: some/dir, k8s: build/k8s, push: 'r/x:1', port: 70000, colour: red}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("kiln.yaml:6:")
        .hasMessageContaining("'model' is a registry reference")
        .hasMessageContaining("'k8s' names the image by digest")
        .hasMessageContaining("'push' goes with 'image'")
        .hasMessageContaining("'port' must lie between 1 and 65535")
        .hasMessageContaining("colour");
    assertThatThrownBy(() -> load("{tag: 'a:1'}")).hasMessageContaining("package needs at least one of");
  }

  @Test
  void kilnYamlReferenceListsExactlyTheKeysTheStepAccepts() throws Exception {
    List<String> lines = Files.readAllLines(Path.of("../docs/kiln-yaml.md"));
    int start = lines.indexOf("### `package`");
    assertThat(start).isNotNegative();
    List<String> keys = new ArrayList<>();
    for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("#"); i++) {
      Matcher m = KEY_ROW.matcher(lines.get(i));
      if (m.find()) {
        keys.add(m.group(1));
      }
    }
    assertThat(keys).containsExactlyInAnyOrderElementsOf(PackageStep.KEYS);
  }
}
