package dev.kiln.cli;

import dev.kiln.data.profile.Profiler;
import dev.kiln.data.read.DataSource;
import dev.kiln.data.read.ReadOptions;
import dev.kiln.stats.profile.Profile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln profile}: the reference profile of a data set, the baseline for drift. */
@Command(
    name = "profile",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
        "Compute a data set's reference profile (the baseline for drift checks).",
        "",
        "Per column: its type, counts, missing values, min, max, mean, std, quantiles, histograms "
            + "(reference-quantile bins for PSI, equal-width bins for plots), an exact or finely binned "
            + "distribution for drift tests, and categories with frequencies. Save it with the model; "
            + "'kiln validate --profile' compares new data with it."},
    footerHeading = "%nExamples:%n",
    footer = {
        "  kiln profile data/train.csv --out model/profile.json",
        "  kiln profile data/train.csv --columns pirat,hirat,deny    print JSON"})
final class ProfileCommand implements Callable<Integer> {
  @ParentCommand
  KilnCommand root;

  @Parameters(index = "0", paramLabel = "DATA", description = "The data set: a file or a quoted glob.")
  String data;

  @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Write the profile here (default: print it).")
  String out;

  @Option(names = "--columns", paramLabel = "NAMES", split = ",", description = "Profile only these columns.")
  List<String> columns = List.of();

  @Override
  public Integer call() throws IOException {
    Profile p;
    try (DataSource ds = DataSource.open(data, ReadOptions.DEFAULT)) {
      for (String c : columns) {
        if (ds.column(c).isEmpty()) {
          throw new UsageException(data + " has no column '" + c + "'" + dev.kiln.core.config.Suggestions.hint(c,
              ds.columns().stream().map(dev.kiln.data.read.ColumnInfo::name).toList()));
        }
      }
      p = columns.isEmpty() ? Profiler.profile(ds) : Profiler.profile(ds, columns);
    }
    if (out == null) {
      root.out.println(p.toJson());
      return ExitCodes.OK;
    }
    p.write(Path.of(out));
    root.out.println("Profiled " + data + ": " + p.rows() + " rows, " + p.columns().size() + " columns -> " + out);
    return ExitCodes.OK;
  }
}
