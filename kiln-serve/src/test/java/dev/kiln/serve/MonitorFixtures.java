package dev.kiln.serve;

import dev.kiln.core.fingerprint.CanonicalJson;
import dev.kiln.model.features.Columns;
import dev.kiln.data.profile.Profiler;
import dev.kiln.data.read.DataSource;
import dev.kiln.data.read.ReadOptions;
import dev.kiln.release.bundle.BundleInfo;
import dev.kiln.release.bundle.BundleManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Seeded data for the ONNX fixture's columns (age, income, grade, label), its reference profile
 * as kiln-data writes it, and bundles that carry it.
 */
final class MonitorFixtures {
  static final String[] GRADES = {"A", "B", "C", "D"};

  private MonitorFixtures() {}

  /** Rows as the reference draws them; {@code incomeShift} moves income, {@code gradeShift} favours D. */
  static List<Map<String, Object>> rows(int n, long seed, double incomeShift, boolean gradeShift) {
    Random r = new Random(seed);
    List<Map<String, Object>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("age", 18 + r.nextInt(53));
      row.put("income", Math.round((50 + 12 * r.nextGaussian() + incomeShift) * 100) / 100.0);
      double g = r.nextDouble();
      row.put("grade", gradeShift ? (g < 0.7 ? "D" : GRADES[r.nextInt(3)]) : GRADES[(int) (g * g * 4)]);
      row.put("label", r.nextInt(2));
      out.add(row);
    }
    return out;
  }

  static Path csv(Path file, List<Map<String, Object>> rows) throws IOException {
    StringBuilder sb = new StringBuilder(String.join(",", rows.get(0).keySet())).append('\n');
    for (Map<String, Object> row : rows) {
      List<String> cells = new ArrayList<>();
      row.values().forEach(v -> cells.add(v instanceof Double d ? String.format(Locale.ROOT, "%.2f", d) : v.toString()));
      sb.append(String.join(",", cells)).append('\n');
    }
    Files.writeString(file, sb.toString());
    return file;
  }

  /** The ONNX fixture bundled with the reference profile of {@code reference} rows. */
  static Path bundle(Path root, String model, int version, List<Map<String, Object>> reference) throws IOException {
    Path dir = TestBundles.onnxColumns(root, model, version);
    return withProfile(dir, csv(root.resolve(model + "-" + version + "-reference.csv"), reference));
  }

  /** A bundle given the reference profile of the rows of {@code csv}, as kiln-data writes it. */
  static Path withProfile(Path dir, Path csv) throws IOException {
    try (DataSource ds = DataSource.open(csv.toString(), ReadOptions.DEFAULT)) {
      Profiler.profile(ds).write(dir.resolve("reference-profile.json"));
    }
    BundleInfo i = BundleInfo.read(dir);
    BundleInfo info = new BundleInfo(i.format(), i.model(), i.version(), i.artifact(), i.modelDir(),
        "reference-profile.json", i.lineage(), i.kilnVersion());
    Files.writeString(dir.resolve(BundleInfo.FILE), CanonicalJson.MAPPER.writeValueAsString(info));
    BundleManifest.write(dir);
    return dir;
  }

  /** An MLflow dataframe_records body of rows, without the label. */
  static String records(List<Map<String, Object>> rows) {
    List<Map<String, Object>> in = new ArrayList<>();
    for (Map<String, Object> r : rows) {
      Map<String, Object> c = new LinkedHashMap<>(r);
      c.remove("label");
      in.add(c);
    }
    return Http.json(Map.of("dataframe_records", in));
  }

  /** The rows as the gateway hands them to live drift: age and income numeric, grade a category. */
  static Columns columns(List<Map<String, Object>> rows) {
    double[] age = new double[rows.size()];
    double[] income = new double[rows.size()];
    String[] grade = new String[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      age[i] = ((Number) rows.get(i).get("age")).doubleValue();
      income[i] = ((Number) rows.get(i).get("income")).doubleValue();
      grade[i] = (String) rows.get(i).get("grade");
    }
    Map<String, double[]> n = new LinkedHashMap<>();
    n.put("age", age);
    n.put("income", income);
    return Columns.of(n, Map.of("grade", grade));
  }
}
