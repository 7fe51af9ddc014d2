package dev.kiln.core.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.kiln.core.config.ConfigException;
import dev.kiln.core.config.Problem;
import dev.kiln.core.load.PipelineParser;
import dev.kiln.core.pipeline.Pipeline;
import dev.kiln.core.step.StepRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnSectionTest {
  @TempDir
  Path dir;

  Pipeline load(String on) throws IOException {
    Files.writeString(dir.resolve("kiln.yaml"), "kiln: 1\n" + on + "stages:\n  s: {run: echo}\n");
    return new PipelineParser(new StepRegistry(List.of())).load(dir);
  }

  List<String> problems(String on) {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(on));
    assertThat(e).as("problems expected").isNotNull();
    return e.problems().stream().map(Problem::toString).collect(Collectors.toList());
  }

  @Test
  void everyKeyIsReadIntoItsTypedTrigger() throws IOException {
    Triggers t = Triggers.of(load("""
        on:
          push:
            branches: [main, "releases/**"]
            paths-ignore: ["docs/**", "*.md"]
          schedule:
            - "0 3 * * 1"
            - {cron: "30 6 * * MON-FRI", timezone: Europe/Paris}
          data: {paths: [data/train.csv, "data/raw/*.csv"], interval: 1m}
          manual:
          monitor: [input-drift]
        """));
    PushFilter push = t.push().orElseThrow();
    assertThat(push.branch("main")).isTrue();
    assertThat(push.branch("releases/v1/rc")).isTrue();
    assertThat(push.branch("feature/x")).isFalse();
    assertThat(push.firstMatch(List.of("docs/a.md", "README.md"))).isEmpty();
    assertThat(push.firstMatch(List.of("README.md", "src/train.py"))).contains("src/train.py");
    assertThat(t.schedules()).extracting(Schedule::key).containsExactly("0 3 * * 1", "30 6 * * MON-FRI Europe/Paris");
    assertThat(t.schedules().get(1).zone()).isEqualTo(ZoneId.of("Europe/Paris"));
    assertThat(t.data().orElseThrow().paths()).containsExactly("data/train.csv", "data/raw/*.csv");
    assertThat(t.data().orElseThrow().interval()).contains(Duration.ofMinutes(1));
    assertThat(t.manual()).isTrue();
    assertThat(t.monitor().accepts("input-drift")).isTrue();
    assertThat(t.monitor().accepts("latency")).isFalse();
  }

  @Test
  void shortFormsAsGithubActionsAllowsThem() throws IOException {
    Triggers one = Triggers.of(load("on: push\n"));
    assertThat(one.push()).contains(PushFilter.ALL);
    Triggers list = Triggers.of(load("on: [push, manual, monitor]\n"));
    assertThat(list.manual()).isTrue();
    assertThat(list.monitor().accepts("anything")).isTrue();
    Triggers more = Triggers.of(load("on:\n  schedule: \"*/15 * * * *\"\n  data: data/x.csv\n  monitor: true\n"));
    assertThat(more.schedules()).hasSize(1);
    assertThat(more.data().orElseThrow().paths()).containsExactly("data/x.csv");
    assertThat(more.data().orElseThrow().interval()).isEmpty();
    assertThat(Triggers.of(load("")).watchesAnything()).isFalse();
  }

  @Test
  void everyBadKeyAndValueIsReportedWithItsLineAndColumn() {
    List<String> p = problems("""
        on:
          push:
            branches: [main]
            branches-ignore: [dev]
            paths: ["src/[abc", "!"]
            tags: [v1]
          schedule:
            - "61 3 * * *"
            - "0 3 * *"
            - {cron: "0 3 * * *", timezone: Mars/Olympus}
            - {timezone: UTC}
          data: {paths: ["../outside.csv"], interval: soon}
          manual: maybe
          monitor: {rule: x}
          pull: {}
        """);
    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("kiln.yaml:5:22: on.push.branches-ignore: use either "
        + "'branches' or 'branches-ignore', not both"));
    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("kiln.yaml:6:13: on.push.paths[0]: bad pattern 'src/[abc': "
        + "'[' at column 5 is never closed"));
    assertThat(p).anySatisfy(s -> assertThat(s).contains("on.push.paths[1]: bad pattern '!': '!' alone negates no pattern"));
    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("kiln.yaml:7:5: on.push.tags: unknown key 'tags'"));
    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("kiln.yaml:9:7: on.schedule[0]: invalid cron expression "
        + "'61 3 * * *'"));
    assertThat(p).anySatisfy(s -> assertThat(s).contains("on.schedule[1]: invalid cron expression '0 3 * *': expected "
        + "5 fields"));
    assertThat(p).anySatisfy(s -> assertThat(s).startsWith("kiln.yaml:11:37: on.schedule[2].timezone: unknown time "
        + "zone 'Mars/Olympus'"));
    assertThat(p).anySatisfy(s -> assertThat(s).contains("on.schedule[3]: missing 'cron'"));
    assertThat(p).anySatisfy(s -> assertThat(s).contains("on.data.paths[0]: '../outside.csv' is not a path inside "
        + "the project"));
    assertThat(p).anySatisfy(s -> assertThat(s).contains("on.data.interval: invalid duration 'soon'"));
    assertThat(p).anySatisfy(s -> assertThat(s).contains("on.manual: expected true, false or nothing, found a string"));
    assertThat(p).anySatisfy(s -> assertThat(s).contains("on.monitor: expected true, a rule name or a list of rule "
        + "names, found a mapping"));
    assertThat(p).anySatisfy(s -> assertThat(s).contains("on.pull: unknown key 'pull'"));
  }

  @Test
  void onlyNegatedPatternsAndUnknownShortFormsAreRefused() {
    assertThat(problems("on:\n  push: {paths: [\"!docs/**\"]}\n"))
        .anySatisfy(s -> assertThat(s).contains("on.push.paths: only '!' patterns"));
    assertThat(problems("on: [push, pusj]\n")).anySatisfy(s -> assertThat(s).contains("unknown trigger 'pusj'")
        .contains("did you mean 'push'"));
    assertThat(problems("on: [schedule]\n")).anySatisfy(s -> assertThat(s).contains("'schedule' needs settings"));
  }
}
