package dev.kiln.cli;

import dev.kiln.data.read.DataSource;
import dev.kiln.data.read.ReadOptions;
import dev.kiln.data.suggest.Suggester;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code kiln suggest}: a starting check suite inferred from a data set. */
@Command(
    name = "suggest",
    mixinStandardHelpOptions = true,
    description = {
        "Print a starting check suite inferred from a data set.",
        "",
        "In the spirit of Deequ's suggestions and TFDV's inferred schema: types, completeness, ranges, "
            + "allowed values of low-cardinality columns, uniqueness of key-like columns. Review it: it "
            + "describes this data, not what the data should be; the data it was suggested from passes it."},
    footerHeading = "%nExamples:%n",
    footer = {"  kiln suggest data/train.csv > checks/data.yaml"})
final class SuggestCommand implements Callable<Integer> {
  @ParentCommand
  KilnCommand root;

  @Parameters(index = "0", paramLabel = "DATA", description = "The data set: a file or a quoted glob.")
  String data;

  @Override
  public Integer call() {
    try (DataSource ds = DataSource.open(data, ReadOptions.DEFAULT)) {
      root.out.print(Suggester.suggest(ds));
      return ExitCodes.OK;
    }
  }
}
