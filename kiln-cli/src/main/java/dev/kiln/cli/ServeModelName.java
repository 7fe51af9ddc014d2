package dev.kiln.cli;

import dev.kiln.core.pipeline.Action;
import dev.kiln.core.pipeline.Pipeline;
import dev.kiln.core.pipeline.Stage;
import java.util.List;

/**
 * Which model {@code kiln serve --env ENV} serves when {@code --model} is not given: the one the
 * project's register stage registers ({@code uses: register}, {@code with: {name: ...}}); with
 * none or several, the user must say.
 */
final class ServeModelName {
  private ServeModelName() {}

  static String of(Pipeline pipeline) {
    List<String> names = pipeline.stages().values().stream().map(ServeModelName::registered)
        .filter(n -> n != null).distinct().toList();
    if (names.size() == 1) {
      return names.get(0);
    }
    throw new UsageException(names.isEmpty()
        ? "kiln.yaml has no register stage to take the model's name from: name it with --model NAME"
        : "kiln.yaml registers several models (" + String.join(", ", names) + "): choose one with --model NAME");
  }

  private static String registered(Stage s) {
    if (s.action() instanceof Action.Uses u && u.step().equals("register") && u.with().get("name") instanceof String n) {
      return n;
    }
    return null;
  }
}
