package dev.kiln.data.check;

import dev.kiln.core.config.ConfigReader;
import dev.kiln.core.config.ListNode;
import dev.kiln.core.config.MapNode;
import dev.kiln.core.config.Node;
import dev.kiln.core.config.Problems;
import dev.kiln.core.config.ScalarNode;
import dev.kiln.core.config.YamlReader;
import dev.kiln.data.drift.DriftConfig;
import dev.kiln.data.read.ReadOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Parses {@code checks/data.yaml} into a {@link Suite}, recording every problem with its location. */
final class SuiteParser {
  static final Set<String> TOP = Set.of("suite", "read", "table", "columns", "sql", "drift");
  static final Set<String> READ = Set.of("format", "delimiter", "quote", "header", "null", "types", "date-format",
      "timestamp-format");
  static final Set<String> TABLE = Set.of("rows", "columns", "duplicates", "unique");

  private final ConfigReader r;
  private final Problems problems;
  private final CheckReader checks;

  private SuiteParser(Problems problems) {
    this.problems = problems;
    this.r = new ConfigReader(problems);
    this.checks = new CheckReader(r, List.of());
  }

  private SuiteParser(Problems problems, List<String> lines) {
    this.problems = problems;
    this.r = new ConfigReader(problems);
    this.checks = new CheckReader(r, lines);
  }

  static Suite parse(Path file, String display) {
    Problems problems = new Problems(display);
    Optional<Node> root = YamlReader.read(file, problems);
    Optional<Suite> suite = root.flatMap(n -> new SuiteParser(problems, lines(file)).suite(n, display));
    problems.throwIfAny();
    return suite.orElseThrow();
  }

  private Optional<Suite> suite(Node root, String file) {
    Optional<MapNode> top = r.asMap(root);
    if (top.isEmpty()) {
      return Optional.empty();
    }
    MapNode m = top.get();
    r.allowOnly(m, TOP);
    Optional<String> name = r.string(m, "suite");
    ReadOptions read = r.map(m, "read").map(this::read).orElse(ReadOptions.DEFAULT);
    r.map(m, "table").ifPresent(this::table);
    r.map(m, "columns").ifPresent(this::columns);
    m.get("sql").ifPresent(this::sql);
    Optional<DriftConfig> drift = m.get("drift").flatMap(n -> new DriftParser(r).parse(n));
    if (checks.all().isEmpty() && drift.isEmpty() && problems.isEmpty()) {
      problems.add(m, "the suite has no checks: add 'table:', 'columns:', 'sql:' or 'drift:'");
    }
    return Optional.of(new Suite(file, name, read, checks.all(), drift));
  }

  private ReadOptions read(MapNode m) {
    r.allowOnly(m, READ);
    ReadOptions o = ReadOptions.DEFAULT;
    Optional<String> format = r.string(m, "format");
    if (format.isPresent()) {
      o = o.withFormat(readFormat(m, format.get()));
    }
    o = r.string(m, "delimiter").map(o::withDelimiter).orElse(o);
    o = r.string(m, "quote").map(o::withQuote).orElse(o);
    o = r.bool(m, "header").map(o::withHeader).orElse(o);
    if (m.has("null")) {
      o = o.withNullMarkers(r.stringList(m, "null"));
    }
    for (var e : r.stringMap(m, "types").entrySet()) {
      o = o.withColumnType(e.getKey(), e.getValue());
    }
    o = r.string(m, "date-format").map(o::withDateFormat).orElse(o);
    return r.string(m, "timestamp-format").map(o::withTimestampFormat).orElse(o);
  }

  private ReadOptions.Format readFormat(MapNode m, String f) {
    switch (f.toLowerCase(java.util.Locale.ROOT)) {
      case "csv":
        return ReadOptions.Format.CSV;
      case "parquet":
        return ReadOptions.Format.PARQUET;
      case "jsonl":
      case "json":
        return ReadOptions.Format.JSONL;
      default:
        problems.add(m.get("format").orElseThrow(), "unknown format '" + f + "' (expected csv, parquet or jsonl)");
        return ReadOptions.Format.AUTO;
    }
  }

  private void table(MapNode m) {
    r.allowOnly(m, TABLE);
    for (MapNode.Field f : m.fields()) {
      switch (f.key()) {
        case "rows" -> checks.rowCount(f);
        case "columns" -> checks.columnSet(f);
        case "duplicates" -> checks.duplicates(f);
        case "unique" -> checks.compoundUnique(f);
        default -> { }
      }
    }
  }

  private void columns(MapNode m) {
    for (MapNode.Field f : m.fields()) {
      r.asMap(f.value()).ifPresent(spec -> checks.column(f.key(), spec));
    }
  }

  private void sql(Node node) {
    if (!(node instanceof ListNode list)) {
      problems.add(node, "expected a list of {expect: SQL condition}, found " + node.describe());
      return;
    }
    for (Node item : list.items()) {
      if (item instanceof ScalarNode s && s.isString()) {
        checks.rowPredicate(item, null);
      } else {
        r.asMap(item).ifPresent(mi -> checks.rowPredicate(item, mi));
      }
    }
  }

  /** The file's lines, to recover words YAML 1.1 turned into booleans ({@code yes}, {@code no}, {@code on}). */
  private static List<String> lines(Path file) {
    try {
      return java.nio.file.Files.readAllLines(file);
    } catch (java.io.IOException | java.io.UncheckedIOException e) {
      return List.of();
    }
  }

  static List<String> names(List<Node> nodes, ConfigReader r) {
    List<String> out = new ArrayList<>();
    nodes.forEach(n -> r.asString(n).ifPresent(out::add));
    return out;
  }
}
