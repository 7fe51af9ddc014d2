package dev.kiln.data.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.kiln.data.check.CheckResult;
import dev.kiln.data.check.Sample;
import dev.kiln.data.Severity;
import dev.kiln.data.drift.DriftReport;
import dev.kiln.data.drift.DriftResult;
import dev.kiln.data.drift.SchemaChange;
import dev.kiln.data.validate.Validation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON report of a validation: {@code summary}, one entry per check ({@code id},
 * {@code column}, {@code kind}, {@code severity}, {@code passed}, {@code observed},
 * {@code threshold}, {@code element_count}, {@code unexpected_count}, {@code unexpected_percent},
 * {@code failing_values} with rows, {@code message}) and the {@code drift} section. Keys keep a
 * fixed order; numbers that are not finite are written as null.
 */
public final class JsonReport {
  private static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private JsonReport() {}

  public static String render(Validation v, Severity failOn) {
    try {
      return MAPPER.writeValueAsString(tree(v, failOn));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The report as plain maps and lists (for embedding in other JSON). */
  public static Map<String, Object> tree(Validation v, Severity failOn) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("data", v.data());
    m.put("suite", v.suite());
    m.put("rows", v.rows());
    m.put("passed", v.passed(failOn));
    m.put("fail_on", failOn.label());
    m.put("summary", summary(v, failOn));
    List<Object> checks = new ArrayList<>();
    v.checks().forEach(r -> checks.add(check(r)));
    m.put("checks", checks);
    m.put("drift", v.drift().map(JsonReport::drift).orElse(null));
    m.put("failures", v.failures(failOn));
    return m;
  }

  private static Map<String, Object> summary(Validation v, Severity failOn) {
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("passed", v.passed(failOn));
    s.put("checks", v.checks().size());
    s.put("checks_passed", v.checksPassed());
    s.put("checks_failed", v.checksFailed());
    s.put("warnings", v.checkWarnings());
    s.put("drift_share", v.drift().map(d -> (Object) num(d.share())).orElse(null));
    s.put("drifted_columns", v.drift().map(d -> (Object) d.driftedCount()).orElse(null));
    s.put("tested_columns", v.drift().map(d -> (Object) d.columns().size()).orElse(null));
    s.put("dataset_drift", v.drift().map(d -> (Object) d.datasetDrift()).orElse(null));
    s.put("schema_changes", v.drift().map(d -> d.schema().size()).orElse(0));
    s.put("elapsed_ms", v.elapsed().toMillis());
    return s;
  }

  static Map<String, Object> check(CheckResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", r.id());
    m.put("column", r.check().column().orElse(null));
    m.put("kind", r.check().kind());
    m.put("severity", r.severity().label());
    m.put("passed", r.passed());
    m.put("observed", observed(r.observed()));
    m.put("threshold", r.threshold());
    m.put("mostly", r.check().meta().mostly());
    m.put("element_count", r.elementCount().isPresent() ? r.elementCount().getAsLong() : null);
    m.put("unexpected_count", r.unexpectedCount().isPresent() ? r.unexpectedCount().getAsLong() : null);
    m.put("unexpected_percent", r.unexpectedPercent().map(JsonReport::num).orElse(null));
    List<Object> samples = new ArrayList<>();
    for (Sample s : r.samples()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("row", s.row());
      e.put("value", s.value());
      samples.add(e);
    }
    m.put("failing_values", samples);
    m.put("message", r.message());
    return m;
  }

  private static Object observed(Object o) {
    if (o instanceof Double d) {
      return num(d);
    }
    return o;
  }

  static Map<String, Object> drift(DriftReport d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("reference", d.reference());
    m.put("share", num(d.share()));
    m.put("share_threshold", d.shareThreshold());
    m.put("dataset_drift", d.datasetDrift());
    m.put("drifted_columns", d.driftedCount());
    m.put("tested_columns", d.columns().size());
    List<Object> cols = new ArrayList<>();
    d.columns().forEach(r -> cols.add(result(r)));
    m.put("columns", cols);
    m.put("label", d.label().map(JsonReport::result).orElse(null));
    List<Object> schema = new ArrayList<>();
    for (SchemaChange s : d.schema()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("kind", s.kind().label());
      e.put("column", s.column());
      e.put("detail", s.detail());
      e.put("severity", s.severity().label());
      e.put("values", s.values());
      schema.add(e);
    }
    m.put("schema", schema);
    m.put("skipped", d.skipped());
    return m;
  }

  static Map<String, Object> result(DriftResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("column", r.column());
    m.put("test", r.test().label());
    m.put("statistic", num(r.statistic()));
    m.put("p_value", r.pValue().isPresent() ? num(r.pValue().getAsDouble()) : null);
    m.put("threshold", r.threshold());
    m.put("rule", r.rule());
    m.put("drifted", r.drifted());
    m.put("severity", r.severity().label());
    m.put("exact", r.exact());
    m.put("bound", r.bound().isPresent() ? num(r.bound().getAsDouble()) : null);
    m.put("reference_count", r.referenceCount());
    m.put("current_count", r.currentCount());
    return m;
  }

  static Object num(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
