package dev.kiln.cli;

import dev.kiln.core.step.Step;
import dev.kiln.core.step.StepRegistry;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code kiln steps}: the built-in steps a stage can use with {@code uses:}. */
@Command(name = "steps", mixinStandardHelpOptions = true, description = "List the built-in steps for 'uses:'.")
final class StepsCommand implements Callable<Integer> {
  @ParentCommand
  KilnCommand root;

  @Override
  public Integer call() {
    StepRegistry steps = StepRegistry.load();
    if (steps.all().isEmpty()) {
      root.out.println("No built-in steps are installed.");
      return ExitCodes.OK;
    }
    Table t = new Table("STEP", "VERSION", "WHAT IT DOES");
    for (Step s : steps.all()) {
      t.row(s.name(), s.version(), s.summary());
    }
    t.print(root.out);
    return ExitCodes.OK;
  }
}
