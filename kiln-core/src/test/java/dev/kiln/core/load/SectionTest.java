package dev.kiln.core.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.kiln.core.config.ConfigException;
import dev.kiln.core.config.ConfigReader;
import dev.kiln.core.config.Node;
import dev.kiln.core.config.Problem;
import dev.kiln.core.pipeline.Pipeline;
import dev.kiln.core.step.StepRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SectionTest {
  @TempDir
  Path dir;

  /** A section that accepts a map with one key, 'rules', holding a list. */
  static final Section RULES = new Section() {
    @Override
    public String key() {
      return "monitor";
    }

    @Override
    public void check(Node node, ConfigReader reader) {
      reader.asMap(node).ifPresent(m -> {
        reader.allowOnly(m, List.of("rules"));
        reader.stringList(m, "rules");
      });
    }
  };

  Pipeline parse(String yaml) throws IOException {
    Files.writeString(dir.resolve("kiln.yaml"), yaml);
    return new PipelineParser(new StepRegistry(List.of(PipelineParserTest.ECHO)), List.of(RULES)).load(dir);
  }

  @Test
  void aSectionAModuleOwnsIsKeptAsWritten() throws IOException {
    Pipeline p = parse("""
        kiln: 1
        monitor:
          rules: [a, b]
        stages:
          s: {run: echo}
        """);
    assertThat(p.section("monitor")).isPresent();
    assertThat(p.section("on")).isEmpty();
  }

  @Test
  void aSectionsProblemsAreReportedWithTheirLineTogetherWithTheRestOfTheFile() throws IOException {
    Files.writeString(dir.resolve("kiln.yaml"), """
        kiln: 1
        monitor:
          rulez: [a]
        stages:
          s: {run: echo, nedds: [x]}
        """);
    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> new PipelineParser(new StepRegistry(List.of(PipelineParserTest.ECHO)), List.of(RULES)).load(dir));
    List<String> problems = e.problems().stream().map(Problem::toString).collect(Collectors.toList());
    assertThat(problems).anySatisfy(s -> assertThat(s).contains("kiln.yaml:3:").contains("unknown key 'rulez'"));
    assertThat(problems).anySatisfy(s -> assertThat(s).contains("nedds"));
  }

  @Test
  void aTopLevelKeyNoModuleOwnsIsUnknown() throws IOException {
    Files.writeString(dir.resolve("kiln.yaml"), "kiln: 1\nmonitr: {}\nstages:\n  s: {run: echo}\n");
    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> new PipelineParser(new StepRegistry(List.of(PipelineParserTest.ECHO)), List.of(RULES)).load(dir));
    assertThat(e.problems().toString()).contains("unknown key 'monitr'").contains("did you mean 'monitor'");
  }
}
