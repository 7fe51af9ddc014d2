package dev.kiln.core.step;

import dev.kiln.core.config.ConfigReader;
import dev.kiln.core.config.Problems;
import java.nio.file.Path;

/** What a step's configuration check may use: the problems list and the project directory. */
public record StepCheck(ConfigReader reader, Path projectDir) {

  public Problems problems() {
    return reader.problems();
  }
}
