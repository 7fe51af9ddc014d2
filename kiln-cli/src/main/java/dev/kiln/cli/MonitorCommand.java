package dev.kiln.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code kiln monitor …}: what the gateways recorded of live traffic; one file per subcommand. */
@Command(name = "monitor", mixinStandardHelpOptions = true,
    description = {"What the gateways recorded of live traffic, window by window: input and prediction drift, "
        + "latency, errors, live accuracy once labels arrive, and the alerts their monitor rules raised."},
    subcommands = {MonitorReportCommand.class},
    footerHeading = "%nExamples:%n",
    footer = {"  kiln monitor report --env production --html monitor.html",
        "  kiln monitor report --env production --since 7d --json"})
final class MonitorCommand implements Runnable {
  @ParentCommand
  KilnCommand root;

  @Override
  public void run() {
    new picocli.CommandLine(this).usage(root.out);
  }
}
