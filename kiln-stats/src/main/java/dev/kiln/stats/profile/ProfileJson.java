package dev.kiln.stats.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kiln.stats.dist.Distribution;
import dev.kiln.stats.dist.Histogram;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The JSON form of a {@link Profile}: fixed key order, NaN written as null. */
final class ProfileJson {
  static final ObjectMapper MAPPER = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private ProfileJson() {}

  static void write(Profile p, Path file) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".profile", ".tmp");
    try {
      Files.writeString(tmp, toJson(p) + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  static String toJson(Profile p) {
    ObjectNode root = MAPPER.createObjectNode();
    root.put("kiln_profile", Profile.FORMAT);
    root.put("source", p.source());
    root.put("rows", p.rows());
    ArrayNode cols = root.putArray("columns");
    p.columns().forEach(c -> cols.add(column(c)));
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ObjectNode column(ColumnProfile c) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("name", c.name());
    n.put("type", c.type().label());
    n.put("sql_type", c.sqlType());
    n.put("count", c.count());
    n.put("missing", c.missing());
    n.put("distinct", c.distinct());
    c.numeric().ifPresent(s -> numeric(n, s));
    c.categories().ifPresent(s -> n.set("categories", categories(s)));
    c.lengths().ifPresent(l -> {
      ObjectNode len = n.putObject("length");
      len.put("min", l.min());
      len.put("max", l.max());
      putNumber(len, "mean", l.mean());
    });
    return n;
  }

  private static void numeric(ObjectNode n, NumericSummary s) {
    putNumber(n, "min", s.min());
    putNumber(n, "max", s.max());
    putNumber(n, "mean", s.mean());
    putNumber(n, "std", s.std());
    ObjectNode q = n.putObject("quantiles");
    s.quantiles().forEach((k, v) -> putNumber(q, Double.toString(k), v));
    ObjectNode h = n.putObject("histograms");
    h.set("quantile_bins", histogram(s.quantileBins()));
    h.set("equal_width", histogram(s.equalWidth()));
    ObjectNode d = n.putObject("distribution");
    if (s.distribution() instanceof Distribution.Points pts) {
      ObjectNode o = d.putObject("points");
      o.set("values", doubles(pts.values()));
      o.set("counts", longs(pts.counts()));
    } else if (s.distribution() instanceof Distribution.Binned b) {
      d.set("bins", histogram(b.bins()));
    }
  }

  private static ObjectNode categories(CategorySummary s) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("complete", s.complete());
    ArrayNode top = o.putArray("top");
    for (CategorySummary.Category c : s.top()) {
      ObjectNode e = top.addObject();
      e.put("value", c.value());
      e.put("count", c.count());
    }
    return o;
  }

  private static ObjectNode histogram(Histogram h) {
    ObjectNode o = MAPPER.createObjectNode();
    o.set("edges", doubles(h.edges()));
    o.set("counts", longs(h.counts()));
    return o;
  }

  private static ArrayNode doubles(List<Double> values) {
    ArrayNode a = MAPPER.createArrayNode();
    values.forEach(v -> {
      if (v.isNaN() || v.isInfinite()) {
        a.addNull();
      } else {
        a.add(v);
      }
    });
    return a;
  }

  private static ArrayNode longs(List<Long> values) {
    ArrayNode a = MAPPER.createArrayNode();
    values.forEach(a::add);
    return a;
  }

  private static void putNumber(ObjectNode n, String key, double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      n.putNull(key);
    } else {
      n.put(key, v);
    }
  }

  // ---- reading

  static Profile read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ProfileException(file + ": no such file");
    } catch (IOException e) {
      throw new ProfileException(file + ": cannot read: " + e.getMessage(), e);
    }
    JsonNode root;
    try {
      root = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new ProfileException(file + ": not JSON: " + e.getOriginalMessage(), e);
    }
    return new Reader(file.toString()).profile(root);
  }

  /** Reads the tree, failing with the path of the first bad field. */
  private record Reader(String file) {

    Profile profile(JsonNode root) {
      if (root == null || !root.isObject() || !root.has("kiln_profile")) {
        throw fail("", "not a Kiln profile (no 'kiln_profile' field); write one with 'kiln profile'");
      }
      int format = root.get("kiln_profile").asInt(-1);
      if (format < 1 || format > Profile.FORMAT) {
        throw fail("kiln_profile", "format " + root.get("kiln_profile") + " is not supported (this Kiln reads 1 to "
            + Profile.FORMAT + ")");
      }
      List<ColumnProfile> cols = new ArrayList<>();
      JsonNode arr = need(root, "columns", "");
      for (int i = 0; i < arr.size(); i++) {
        cols.add(column(arr.get(i), "columns[" + i + "]"));
      }
      return new Profile(root.path("source").asText(""), need(root, "rows", "").asLong(), cols);
    }

    ColumnProfile column(JsonNode n, String path) {
      String name = need(n, "name", path).asText();
      String typeLabel = need(n, "type", path).asText();
      DataType type = DataType.fromLabel(typeLabel)
          .orElseThrow(() -> fail(path + ".type", "unknown type '" + typeLabel + "'"));
      Optional<NumericSummary> numeric = n.has("min") ? Optional.of(numeric(n, path)) : Optional.empty();
      Optional<CategorySummary> cats = n.has("categories")
          ? Optional.of(categories(n.get("categories"), path + ".categories")) : Optional.empty();
      Optional<LengthSummary> len = n.has("length") ? Optional.of(new LengthSummary(
          n.get("length").path("min").asLong(), n.get("length").path("max").asLong(),
          number(n.get("length").path("mean")))) : Optional.empty();
      try {
        return new ColumnProfile(name, type, n.path("sql_type").asText(""), need(n, "count", path).asLong(),
            need(n, "missing", path).asLong(), n.path("distinct").asLong(), numeric, cats, len);
      } catch (IllegalArgumentException e) {
        throw fail(path, e.getMessage());
      }
    }

    NumericSummary numeric(JsonNode n, String path) {
      Map<Double, Double> q = new LinkedHashMap<>();
      n.path("quantiles").fields().forEachRemaining(e -> {
        try {
          q.put(Double.parseDouble(e.getKey()), number(e.getValue()));
        } catch (NumberFormatException x) {
          throw fail(path + ".quantiles", "'" + e.getKey() + "' is not a probability");
        }
      });
      JsonNode h = need(n, "histograms", path);
      JsonNode d = need(n, "distribution", path);
      Distribution dist = d.has("points")
          ? points(d.get("points"), path + ".distribution.points")
          : new Distribution.Binned(histogram(need(d, "bins", path + ".distribution"), path + ".distribution.bins"));
      return new NumericSummary(number(n.get("min")), number(n.get("max")), number(n.get("mean")),
          number(n.get("std")), q, histogram(need(h, "quantile_bins", path + ".histograms"), path + ".histograms.quantile_bins"),
          histogram(need(h, "equal_width", path + ".histograms"), path + ".histograms.equal_width"), dist);
    }

    Distribution.Points points(JsonNode n, String path) {
      try {
        return new Distribution.Points(doubleList(need(n, "values", path)), longList(need(n, "counts", path)));
      } catch (IllegalArgumentException e) {
        throw fail(path, e.getMessage());
      }
    }

    Histogram histogram(JsonNode n, String path) {
      try {
        return new Histogram(doubleList(need(n, "edges", path)), longList(need(n, "counts", path)));
      } catch (IllegalArgumentException e) {
        throw fail(path, e.getMessage());
      }
    }

    CategorySummary categories(JsonNode n, String path) {
      List<CategorySummary.Category> top = new ArrayList<>();
      JsonNode arr = need(n, "top", path);
      for (int i = 0; i < arr.size(); i++) {
        JsonNode c = arr.get(i);
        top.add(new CategorySummary.Category(need(c, "value", path + ".top[" + i + "]").asText(),
            need(c, "count", path + ".top[" + i + "]").asLong()));
      }
      return new CategorySummary(top, n.path("complete").asBoolean(false));
    }

    JsonNode need(JsonNode n, String key, String path) {
      JsonNode v = n.get(key);
      if (v == null) {
        throw fail(path, "missing field '" + key + "'");
      }
      return v;
    }

    static double number(JsonNode n) {
      return n == null || n.isNull() || !n.isNumber() ? Double.NaN : n.asDouble();
    }

    static List<Double> doubleList(JsonNode a) {
      List<Double> out = new ArrayList<>(a.size());
      a.forEach(v -> out.add(number(v)));
      return out;
    }

    static List<Long> longList(JsonNode a) {
      List<Long> out = new ArrayList<>(a.size());
      a.forEach(v -> out.add(v.asLong()));
      return out;
    }

    ProfileException fail(String path, String message) {
      return new ProfileException(file + ": " + (path.isEmpty() ? "" : path + ": ") + message);
    }
  }
}
