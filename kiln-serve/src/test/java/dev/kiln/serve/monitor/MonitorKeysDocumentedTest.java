package dev.kiln.serve.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/kiln-yaml.md's monitor section lists exactly the keys and actions the monitor: section accepts. */
class MonitorKeysDocumentedTest {
  private static final Pattern KEY_ROW = Pattern.compile("^\\| `([a-z_0-9-]+)` \\|");

  private static List<String> section() throws Exception {
    List<String> lines = Files.readAllLines(Path.of("../docs/kiln-yaml.md"));
    int start = lines.indexOf("### `monitor`");
    assertThat(start).isNotNegative();
    int end = start + 1;
    while (end < lines.size() && !lines.get(end).startsWith("#")) {
      end++;
    }
    return lines.subList(start + 1, end);
  }

  @Test
  void theKilnYamlReferenceHasARowForEveryKeyAndActionAndNoOther() throws Exception {
    Set<String> rows = new TreeSet<>();
    for (String line : section()) {
      Matcher m = KEY_ROW.matcher(line);
      if (m.find()) {
        rows.add(m.group(1));
      }
    }
    Set<String> accepted = new TreeSet<>();
    Stream.of(MonitorConfigReader.KEYS, MonitorConfigReader.RULE_KEYS, MonitorConfigReader.LATENCY_KEYS,
        MonitorConfigReader.ACTIONS, MonitorConfigReader.WEBHOOK_KEYS, List.of("features", "share-of-features",
            "min-labels", "psi")).forEach(accepted::addAll);
    assertThat(rows).isEqualTo(accepted);
  }

  @Test
  void theExampleInItIsAValidMonitorSection() throws Exception {
    List<String> lines = section();
    int from = lines.indexOf("```yaml") + 1;
    int to = lines.subList(from, lines.size()).indexOf("```") + from;
    String yaml = String.join("\n", lines.subList(from, to));
    dev.kiln.core.config.Problems problems = new dev.kiln.core.config.Problems("kiln.yaml");
    dev.kiln.core.config.MapNode root = (dev.kiln.core.config.MapNode) dev.kiln.core.config.YamlReader
        .parse(yaml, problems).orElseThrow();
    MonitorConfig c = MonitorSection.parse(root.get("monitor").orElseThrow(), "kiln.yaml");
    assertThat(c.rules()).extracting(Rule::name).containsExactly("input-drift", "live-accuracy");
  }

  @Test
  void everyDriftTestAndLiveMetricIsNamedInIt() throws Exception {
    String text = String.join("\n", section());
    Stream.concat(MonitorConfigReader.TESTS.stream(), MonitorConfigReader.METRICS.stream())
        .forEach(name -> assertThat(text).contains("`" + name + "`"));
  }
}
