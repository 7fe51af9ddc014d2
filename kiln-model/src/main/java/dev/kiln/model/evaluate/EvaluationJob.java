package dev.kiln.model.evaluate;

import dev.kiln.data.read.DataSource;
import dev.kiln.data.read.ReadOptions;
import dev.kiln.model.features.Columns;
import dev.kiln.model.predict.Models;
import dev.kiln.model.predict.Predictor;
import dev.kiln.model.report.HtmlReport;
import dev.kiln.model.report.ReportContent;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One evaluation end to end, shared by {@code kiln evaluate} and the {@code evaluate} step:
 * resolve and load the model, read the data through kiln-data, evaluate, and write
 * {@code metrics.json}, the HTML report and (optionally) the predictions.
 */
public record EvaluationJob(String model, String data, EvaluationOptions options, Optional<Path> metricsFile,
    Optional<Path> reportFile, Optional<Path> predictionsFile) {

  /** Runs the job; relative model and data paths resolve against {@code base}. */
  public Evaluation run(Path base) throws IOException {
    Columns rows = read(base.resolve(data).normalize().toString());
    Evaluation e;
    String modelName;
    try (Predictor p = Models.load(model, base)) {
      modelName = model + " (" + p.format().word() + ")";
      e = Evaluator.evaluate(p, rows, options);
    }
    if (metricsFile.isPresent()) {
      EvaluationFiles.writeMetrics(e, metricsFile.get());
    }
    if (predictionsFile.isPresent()) {
      EvaluationFiles.writePredictions(e, predictionsFile.get());
    }
    if (reportFile.isPresent()) {
      HtmlReport.write(report(e, modelName, data), reportFile.get());
    }
    return e;
  }

  /** What the report shows of an evaluation of {@code model} on {@code data}. */
  static ReportContent report(Evaluation e, String model, String data) {
    return new ReportContent(model, data, e.task(), e.label(), e.metrics(), e.unlabeledRows(), e.confusion(), e.curves(),
        e.slices(), e.fairness(), e.latency(), e.undefined(), e.notes(), e.encoding());
  }

  static Columns read(String path) {
    try (DataSource ds = DataSource.open(path, ReadOptions.DEFAULT)) {
      return Columns.of(ds.load(List.of()));
    }
  }
}
