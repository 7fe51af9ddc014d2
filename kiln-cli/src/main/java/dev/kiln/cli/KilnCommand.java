package dev.kiln.cli;

import java.io.PrintStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code kiln}: the root command; it only lists the subcommands. */
@Command(
    name = "kiln",
    mixinStandardHelpOptions = true,
    versionProvider = KilnVersion.class,
    sortOptions = false,
    description = {
        "Continuous integration and delivery for machine-learning models.",
        "",
        "Describe your pipeline in kiln.yaml; Kiln runs only the stages whose code, data, params or "
            + "environment changed, restores earlier results from its cache, and records every run."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  kiln run                    run every stage that is not up to date",
        "  kiln run train --dry-run    say what running 'train' would do, and why",
        "  kiln status                 which stages changed, and what changed",
        "  kiln watch                  start runs when commits, schedules or data say so",
        "  kiln runs                   the run history",
        "  kiln show 12                stages, reasons, timings and metrics of run 12",
        "  kiln diff                   params and metrics of the last two runs",
        "  kiln stats --since 7d       success rates, cache hits and durations per stage",
        "  kiln validate data.csv --checks checks/data.yaml --reference train.csv",
        "  kiln train data.csv --label churn       train a model into model/",
        "  kiln evaluate model/ test.csv --label churn --sensitive female",
        "  kiln models show credit-risk@production",
        "  kiln serve credit-risk@production       serve it over HTTP (v2, MLflow)",
        "  kiln deploy credit-risk@staging --env production --strategy canary",
        "  kiln monitor report --env production --html monitor.html",
        "",
        "Exit codes: 0 success, 1 a stage or gate failed, 2 bad usage, configuration or data, "
            + "3 waiting for approval, 4 another run holds the project lock, 130 or 143 cancelled (Ctrl-C, "
            + "SIGTERM)."})
public final class KilnCommand implements Runnable {
  /** The subcommands, in the order help lists them (registered by {@link Main}). */
  static final java.util.List<Class<?>> SUBCOMMANDS = java.util.List.of(
      RunCommand.class,
      StatusCommand.class,
      WatchCommand.class,
      RunsCommand.class,
      ShowCommand.class,
      LogsCommand.class,
      DiffCommand.class,
      StatsCommand.class,
      GcCommand.class,
      FsckCommand.class,
      StepsCommand.class,
      ValidateCommand.class,
      ProfileCommand.class,
      SuggestCommand.class,
      TrainCommand.class,
      EvaluateCommand.class,
      ModelsCommand.class,
      LineageCommand.class,
      ServeCommand.class,
      PackageCommand.class,
      DeployCommand.class,
      RolloutCommand.class,
      RollbackCommand.class,
      EnvironmentsCommand.class,
      MonitorCommand.class,
      AlertsCommand.class,
      ApprovalCommands.Approve.class,
      ApprovalCommands.Reject.class,
      ApprovalCommands.Pending.class);

  /** Every time a command records comes from here. */
  final java.time.Clock clock = java.time.Clock.systemUTC();
  final PrintStream out;
  final PrintStream err;
  final boolean standalone;

  @Option(names = {"-C", "--project"}, paramLabel = "DIR", scope = ScopeType.INHERIT,
      description = "Project directory (default: the nearest directory upwards holding kiln.yaml).")
  String projectDir;

  @Option(names = "--db", paramLabel = "URL", scope = ScopeType.INHERIT,
      description = "Metadata store JDBC URL (default: $KILN_DB, else jdbc:sqlite:.kiln/kiln.db).")
  String db;

  @Option(names = "--stacktrace", scope = ScopeType.INHERIT, description = "Print stack traces of errors.")
  boolean stacktrace;

  KilnCommand(PrintStream out, PrintStream err, boolean standalone) {
    this.out = out;
    this.err = err;
    this.standalone = standalone;
  }

  boolean stacktrace() {
    return stacktrace;
  }

  @Override
  public void run() {
    picocli.CommandLine cl = new picocli.CommandLine(this);
    SUBCOMMANDS.forEach(cl::addSubcommand);
    cl.usage(out);
  }
}
