package dev.kiln.cli;

import dev.kiln.core.config.ConfigException;
import dev.kiln.store.StoreException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** The {@code kiln} command's entry point: parses arguments and maps failures to exit codes. */
public final class Main {
  /** The width of {@code --help} text. */
  static final int HELP_WIDTH = 80;

  private Main() {}

  /** Commands that scan data themselves; 'run' has its own progress line, so stays out. */
  private static final java.util.Set<String> SCANNING = java.util.Set.of("validate", "profile", "suggest", "train",
      "evaluate");

  public static void main(String[] args) {
    PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true, StandardCharsets.UTF_8);
    if (System.console() != null && SCANNING.contains(String.valueOf(firstPositional(args)))) {
      dev.kiln.data.read.ScanProgress.showOn(err);
    }
    int code = execute(args, out, err, true);
    out.flush();
    err.flush();
    System.exit(code);
  }

  /**
   * Runs one command with the given streams and returns its exit code. {@code standalone} is
   * false when embedded (tests): no shutdown hooks are installed.
   */
  public static int execute(String[] args, PrintStream out, PrintStream err, boolean standalone) {
    KilnCommand root = new KilnCommand(out, err, standalone);
    CommandLine cl = new CommandLine(root);
    register(cl, args);
    HelpWrapping.install(cl);
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler((e, line, parsed) -> handle(e, err, root.stacktrace()));
    cl.setParameterExceptionHandler((e, a) -> {
      err.println("kiln: " + e.getMessage());
      CommandLine.UnmatchedArgumentException.printSuggestions(e, new PrintWriter(err, true));
      err.println("Run '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
      return ExitCodes.USAGE;
    });
    return cl.execute(args);
  }

  /**
   * Registers only the subcommand the arguments name (building picocli's model of every
   * command costs about a quarter of a second at start-up), or all of them for help, version
   * and mistakes, so suggestions still work.
   */
  static void register(CommandLine cl, String[] args) {
    String first = firstPositional(args);
    Class<?> only = null;
    for (Class<?> c : KilnCommand.SUBCOMMANDS) {
      if (c.getAnnotation(picocli.CommandLine.Command.class).name().equals(first)) {
        only = c;
      }
    }
    if (only != null) {
      cl.addSubcommand(only);
    } else {
      KilnCommand.SUBCOMMANDS.forEach(cl::addSubcommand);
    }
  }

  private static String firstPositional(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("-C") || a.equals("--project") || a.equals("--db")) {
        i++;
      } else if (!a.startsWith("-")) {
        return a;
      }
    }
    return null;
  }

  static int handle(Exception e, PrintStream err, boolean stacktrace) {
    if (stacktrace) {
      e.printStackTrace(err);
    }
    if (e instanceof ConfigException ce) {
      ce.problems().forEach(p -> err.println(p));
      int n = ce.problems().size();
      err.println(n == 1 ? "1 problem; nothing was run." : n + " problems; nothing was run.");
      return ExitCodes.USAGE;
    }
    if (e instanceof UsageException || e instanceof dev.kiln.core.runs.RunRequestException) {
      err.println("kiln: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    if (e instanceof dev.kiln.store.StoreUrlException) {
      err.println("kiln: " + e.getMessage());
      return ExitCodes.USAGE;
    }
    if (e instanceof dev.kiln.data.read.DataReadException d) {
      err.println("kiln: " + d.userMessage());
      return ExitCodes.USAGE;
    }
    if (e instanceof StoreException) {
      err.println("kiln: " + e.getMessage());
      return ExitCodes.FAILED;
    }
    Throwable cause = e instanceof java.io.UncheckedIOException u ? u.getCause() : e;
    err.println("kiln: " + dev.kiln.core.Failures.describe(cause));
    if (!stacktrace) {
      err.println("(run with --stacktrace for details)");
    }
    return ExitCodes.FAILED;
  }
}
